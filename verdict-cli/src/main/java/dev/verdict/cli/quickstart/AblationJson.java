package dev.verdict.cli.quickstart;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
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
        numbers.addDeserializer(Double.TYPE, new NullAsNaN());
        numbers.addDeserializer(Double.class, new NullAsNaN());
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

    private static final class NullAsNaN extends StdScalarDeserializer<Double> {
        NullAsNaN() {
            super(Double.class);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t.isNumeric()) {
                return p.getDoubleValue();
            }
            if (t == JsonToken.VALUE_STRING) {
                String text = p.getText().trim();
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    return (Double) ctxt.handleWeirdStringValue(Double.class, text, "not a number");
                }
            }
            return (Double) ctxt.handleUnexpectedToken(Double.class, p);
        }

        @Override
        public Double getNullValue(DeserializationContext ctxt) {
            return Double.NaN;
        }
    }
}
