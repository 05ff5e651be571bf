package dev.panels.bench;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A JVM's live heap, read with the JDK's own jcmd after a full collection, so only what is still reachable counts. */
final class Heap {

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private Heap() {
    }

    static double usedAfterGcMiB(ProcessHandle jvm) throws IOException, InterruptedException {
        Jcmd.run(jvm, "GC.run");
        String info = Jcmd.run(jvm, "GC.heap_info");
        Matcher used = USED.matcher(info);
        if (!used.find()) {
            throw new IllegalStateException("jcmd GC.heap_info of " + jvm.pid() + " shows no heap use: " + info);
        }
        return Long.parseLong(used.group(1)) / 1024.0;
    }
}
