package dev.panels.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The app server's JFR recording of the run ({@code --jfr}), summarised for the report: where CPU samples land
 * (top of stack), and which of our own methods they pass through (the first {@code dev.panels} frame).
 */
final class Profile {

    /** {@code ourSamples}: samples with any of our methods on the stack; {@code ourCode} names the busiest of them. */
    record Summary(int samples, int ourSamples, Map<String, Integer> topOfStack, Map<String, Integer> ourCode) {
    }

    private Profile() {
    }

    /** JVM options that record a profile into {@code file} from start to exit (JFR's "profile" settings). */
    static String recordingOption(Path file) {
        return "-XX:StartFlightRecording=filename=" + file + ",settings=profile,dumponexit=true";
    }

    static Summary summarise(Path recording, int top) throws Exception {
        if (!Files.isRegularFile(recording)) {
            return new Summary(0, 0, Map.of(), Map.of());
        }
        Map<String, Integer> leaf = new TreeMap<>();
        Map<String, Integer> ours = new TreeMap<>();
        int samples = 0;
        int ourSamples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            // a truncated stack can end in a frame JFR could not resolve (no method): those frames are left out
            List<RecordedFrame> frames = event.getStackTrace().getFrames().stream().filter(f -> f.getMethod() != null).toList();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            leaf.merge(name(frames.get(0)), 1, Integer::sum);
            var ourFrame = frames.stream().filter(f -> f.getMethod().getType().getName().startsWith("dev.panels.")).findFirst();
            if (ourFrame.isPresent()) {
                ourSamples++;
                ours.merge(name(ourFrame.get()), 1, Integer::sum);
            }
        }
        return new Summary(samples, ourSamples, highest(leaf, top), highest(ours, top));
    }

    private static String name(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }

    private static Map<String, Integer> highest(Map<String, Integer> counts, int top) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }
}
