package dev.panels.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

/** A Prometheus text exposition read as {@code name{labels}} → value; the sum over the samples a query selects. */
public final class PrometheusText {

    private final Map<String, Double> samples;

    private PrometheusText(Map<String, Double> samples) {
        this.samples = samples;
    }

    public static PrometheusText parse(String body) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            try {
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                // a line this reader does not need (exemplars, timestamps): skipped
            }
        }
        return new PrometheusText(samples);
    }

    public Map<String, Double> samples() {
        return samples;
    }

    /** The sum of the samples named {@code name} whose labels include every one of {@code labels} (0 when none). */
    public double sum(String name, Map<String, String> labels) {
        double total = 0;
        for (Map.Entry<String, Double> sample : samples.entrySet()) {
            String key = sample.getKey();
            int brace = key.indexOf('{');
            String sampleName = brace < 0 ? key : key.substring(0, brace);
            if (sampleName.equals(name) && labels.entrySet().stream()
                    .allMatch(l -> key.contains("{" + l.getKey() + "=\"" + l.getValue() + "\"")
                            || key.contains("," + l.getKey() + "=\"" + l.getValue() + "\""))) {
                total += sample.getValue();
            }
        }
        return total;
    }
}
