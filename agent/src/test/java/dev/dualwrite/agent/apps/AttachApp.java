package dev.dualwrite.agent.apps;

import com.sun.tools.attach.VirtualMachine;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * An application that is already running, with its driver loaded and a connection used, when the agent is attached
 * to it (here by the application itself, which needs {@code -Djdk.attach.allowAttachSelf=true}). Arguments: agent-jar
 * agent-arguments url user password table id.
 */
public final class AttachApp {
    private AttachApp() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[2], args[3], args[4])) {
            System.out.println("RESULT before=" + c.getClass().getName());
        }
        VirtualMachine vm = VirtualMachine.attach(Long.toString(ProcessHandle.current().pid()));
        try {
            vm.loadAgent(args[0], args[1]);
        } finally {
            vm.detach();
        }
        try (Connection c = DriverManager.getConnection(args[2], args[3], args[4])) {
            AppSupport.run(c, args[5], Integer.parseInt(args[6]));
        }
    }
}
