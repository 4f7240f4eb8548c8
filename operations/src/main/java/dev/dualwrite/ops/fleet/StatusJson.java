package dev.dualwrite.ops.fleet;

import dev.dualwrite.control.FleetState;
import dev.dualwrite.ops.Json;
import java.time.Instant;

/**
 * {@code dualwrite status --json}: {@code {"windows": [{"window", "kind", "phase", "instances": [{"id", "kind",
 * "host", "app", "phase", "lastSeen", "live", "oldNameStatements", "newNameStatements", "oldNameLastUsed"}],
 * "oldNameLastUsed", "backfill", "verify", "safeToDropColumn", "safeToRemoveWindow", "reasons"}]}}. Times are
 * ISO-8601 instants, null when never.
 */
public final class StatusJson {
    private StatusJson() {
    }

    public static String render(Status.Report report) {
        Json j = new Json().beginObject().name("windows").beginArray();
        for (Status.WindowStatus w : report.windows()) {
            j.beginObject().name("window").value(w.window().key()).name("kind").value(w.window().kind())
                    .name("phase").value(w.window().phase()).name("instances").beginArray();
            for (Status.InstanceLine line : w.instances()) {
                FleetState.Instance i = line.instance();
                FleetState.Report r = line.report();
                j.beginObject().name("id").value(i.id()).name("kind").value(i.kind()).name("host").value(i.host())
                        .name("app").value(i.app()).name("phase").value(r == null ? null : r.phaseApplied())
                        .name("lastSeen").value(time(i.lastSeen())).name("live").value(line.live())
                        .name("oldNameStatements").value(r == null ? 0 : r.oldNameStatements())
                        .name("newNameStatements").value(r == null ? 0 : r.newNameStatements())
                        .name("oldNameLastUsed").value(time(r == null ? null : r.oldNameLastUsed())).endObject();
            }
            j.endArray().name("oldNameLastUsed").value(time(w.lastOldUse() == null ? null
                    : w.lastOldUse().oldNameLastUsed()));
            j.name("backfill");
            if (w.backfill() == null) {
                j.value((String) null);
            } else {
                j.beginObject().name("state").value(w.backfill().state()).name("rowsScanned")
                        .value(w.backfill().rowsScanned()).name("rowsUpdated").value(w.backfill().rowsUpdated())
                        .name("estimatedRows").value(w.backfill().estimatedRows()).name("startedAt")
                        .value(time(w.backfill().startedAt())).name("finishedAt")
                        .value(time(w.backfill().finishedAt())).endObject();
            }
            j.name("verify");
            if (w.verify() == null) {
                j.value((String) null);
            } else {
                j.beginObject().name("rowsChecked").value(w.verify().rowsChecked()).name("differing")
                        .value(w.verify().differing()).name("finishedAt").value(time(w.verify().finishedAt()))
                        .name("afterBackfill").value(w.backfill() != null && w.backfill().finishedAt() != null
                                && w.verify().startedAt() >= w.backfill().finishedAt())
                        .endObject();
            }
            j.name("safeToDropColumn").value(w.safeToDropColumn()).name("safeToRemoveWindow")
                    .value(w.safeToRemoveWindow()).name("reasons").beginArray();
            w.reasons().forEach(j::value);
            j.endArray().endObject();
        }
        return j.endArray().endObject().toString();
    }

    static String time(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }
}
