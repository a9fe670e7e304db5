package dev.verdict.data.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Struct;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads Parquet through DuckDB's embedded engine (in-memory database, no server). Each row becomes a JSON object:
 * strings, numbers and booleans as themselves, lists as arrays, structs and maps as objects, binary values
 * (such as the {@code bytes} of a Hugging Face image struct {@code {bytes, path}}) as base64 strings. Rows are
 * located by 0-based row index.
 */
final class ParquetSource {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ParquetSource() {}

    static void read(Path file, Consumer<RawRecord> records, Consumer<Problem> problems) throws IOException {
        String f = file.toString();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                PreparedStatement st = c.prepareStatement("SELECT * FROM read_parquet(?)")) {
            st.setString(1, file.toAbsolutePath().toString());
            try (ResultSet rs = st.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                long row = 0;
                while (rs.next()) {
                    ObjectNode o = F.objectNode();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        o.set(md.getColumnLabel(i), toJson(rs.getObject(i)));
                    }
                    records.accept(new RawRecord(f, row++, "row", o));
                }
            }
        } catch (SQLException e) {
            problems.accept(
                    new Problem(f, 0, "row", "", "cannot read Parquet: " + e.getMessage(), Problem.Severity.ERROR));
        }
    }

    /** A JDBC value as JSON; binary becomes base64 text. */
    static JsonNode toJson(Object v) throws SQLException {
        return switch (v) {
            case null -> F.nullNode();
            case String s -> F.textNode(s);
            case Boolean b -> F.booleanNode(b);
            case Integer i -> F.numberNode(i);
            case Long l -> F.numberNode(l);
            case Short s -> F.numberNode(s);
            case Byte b -> F.numberNode(b);
            case Float x -> F.numberNode(x);
            case Double d -> F.numberNode(d);
            case BigDecimal d -> F.numberNode(d);
            case BigInteger b -> F.numberNode(b);
            case byte[] bytes -> F.textNode(Base64.getEncoder().encodeToString(bytes));
            case Blob blob -> F.textNode(Base64.getEncoder().encodeToString(blob.getBytes(1, (int) blob.length())));
            case ByteBuffer buf -> {
                byte[] bytes = new byte[buf.remaining()];
                buf.duplicate().get(bytes);
                yield F.textNode(Base64.getEncoder().encodeToString(bytes));
            }
            case Array a -> {
                ArrayNode arr = F.arrayNode();
                for (Object e : (Object[]) a.getArray()) {
                    arr.add(toJson(e));
                }
                yield arr;
            }
            case Struct s -> structToJson(s);
            case Map<?, ?> m -> {
                ObjectNode o = F.objectNode();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    o.set(String.valueOf(e.getKey()), toJson(e.getValue()));
                }
                yield o;
            }
            case Object[] arr -> {
                ArrayNode out = F.arrayNode();
                for (Object e : arr) {
                    out.add(toJson(e));
                }
                yield out;
            }
            default -> F.textNode(v.toString());
        };
    }

    private static JsonNode structToJson(Struct s) throws SQLException {
        // DuckDB's struct exposes its field names through getMap(); fall back to positional attributes
        try {
            Object map = s.getClass().getMethod("getMap").invoke(s);
            if (map instanceof Map<?, ?> m) {
                return toJson(m);
            }
        } catch (ReflectiveOperationException e) {
            // not a DuckDB struct: positional
        }
        ArrayNode arr = F.arrayNode();
        for (Object e : s.getAttributes()) {
            arr.add(toJson(e));
        }
        return arr;
    }
}
