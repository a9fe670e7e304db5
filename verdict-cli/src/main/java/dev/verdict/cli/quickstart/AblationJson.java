package dev.verdict.cli.quickstart;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;

/**
 * The JSON of the ablation's files ({@code result.json}, {@code ablation.json}): a number that does not exist (the
 * accuracy of a run that left no model, SFT only's policy loss) is written as {@code null}, which every JSON reader
 * takes, not as the string {@code "NaN"}; {@code null} and that string both read back as NaN.
 */
final class AblationJson {
    private AblationJson() {}

    static ObjectMapper mapper() {
        SimpleModule numbers = new SimpleModule("ablation-numbers");
        numbers.addSerializer(Double.class, new FiniteOrNull());
        numbers.addSerializer(Double.TYPE, new FiniteOrNull());
        // Jackson's own number parsing (numbers and "NaN"-style strings), with NaN in place of null
        numbers.addDeserializer(Double.TYPE, new NumberDeserializers.DoubleDeserializer(Double.TYPE, Double.NaN));
        numbers.addDeserializer(Double.class, new NumberDeserializers.DoubleDeserializer(Double.class, Double.NaN));
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).registerModule(numbers);
    }

    private static final class FiniteOrNull extends StdScalarSerializer<Double> {
        FiniteOrNull() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (Double.isFinite(value)) {
                gen.writeNumber(value);
            } else {
                gen.writeNull();
            }
        }
    }
}
