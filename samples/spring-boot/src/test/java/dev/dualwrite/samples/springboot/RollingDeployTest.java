package dev.dualwrite.samples.springboot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The sample as a user runs it, with shorter steps: it must end without a failed request or a diverged row. */
class RollingDeployTest {
    @Test
    void theWholeDeployRunsClean() throws Exception {
        try (RollingDeploy deploy = new RollingDeploy(1_500)) {
            assertTrue(deploy.run(), "the sample reported a failure; its output says which");
        }
    }
}
