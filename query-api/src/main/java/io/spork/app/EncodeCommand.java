package io.spork.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.spork.encoder.EncoderSettings;
import io.spork.encoder.SpladeEncoder;
import io.spork.schema.JsonSerde;
import io.spork.schema.SparseVector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./spork encode TEXT}: the SPLADE terms of a text, best first, as JSON. */
@Command(name = "encode", mixinStandardHelpOptions = true, description = "print the SPLADE terms of TEXT, best first, as JSON")
final class EncodeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions configOptions;

    @Parameters(paramLabel = "TEXT", arity = "0..*", description = "the text (several words are joined by spaces)")
    List<String> words = new ArrayList<>();

    @Override
    public void run() {
        if (words.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "encode needs the text to encode: ./spork encode \"some text\"");
        }
        String text = String.join(" ", words);
        try (SpladeEncoder encoder = SpladeEncoder.open(EncoderSettings.from(configOptions.config()))) {
            SparseVector v = encoder.encode(text);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                order.add(i);
            }
            order.sort((a, b) -> Float.compare(v.weightAt(b), v.weightAt(a)));
            List<Map<String, Object>> terms = new ArrayList<>();
            for (int i : order) {
                Map<String, Object> term = new LinkedHashMap<>();
                term.put("token", encoder.vocabulary().token(v.idAt(i)));
                term.put("id", v.idAt(i));
                term.put("weight", Math.round(v.weightAt(i) * 10000.0) / 10000.0);
                terms.add(term);
            }
            System.out.println(JsonSerde.MAPPER.writeValueAsString(Map.of("terms", terms)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
