package dev.verdict.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** Renders the headline figures of a metrics object as a plain-text table for the console. */
public final class ConsoleTable {
    private ConsoleTable() {}

    /** The table text, lines separated by '\n'. */
    public static String render(JsonNode m) {
        StringBuilder b = new StringBuilder();
        JsonNode cfg = m.path("config");
        b.append(String.format(
                Locale.ROOT,
                "%s  judge=%s  order=%s  votes=%d  invalid=%s%s%n",
                m.path("bench").asText(),
                cfg.path("judge").asText(),
                cfg.path("order").asText(),
                cfg.path("votes").asInt(),
                cfg.path("invalid").asText(),
                cfg.path("blind").asBoolean() ? "  BLIND" : ""));
        b.append(String.format(Locale.ROOT, "%-22s %9s %9s %9s%n", "category", "n", "acc", "acc+"));
        m.path("categories").properties().forEach(e -> b.append(row(e.getKey(), e.getValue())));
        b.append(String.format(
                Locale.ROOT,
                "%-22s %9d %9s %9s%n",
                "overall (micro)",
                m.path("judgments").asInt(),
                num(m.path("overall")),
                num(m.path("acc_plus"))));
        b.append(line("macro (mean of categories)", m.path("macro")));
        if (m.path("bench").asText().equals("multimodal-rewardbench")) {
            b.append(line("mean of columns (R1 paper)", m.path("mean_of_columns")));
        }
        b.append(line("invalid rate", m.path("invalid_rate")));
        if (m.has("fact_stated")) {
            double f = m.path("fact_stated").path("overall").asDouble(Double.NaN);
            b.append(String.format(Locale.ROOT, "%-32s %9.2f%n", "true fact stated (%)", 100 * f));
        }
        b.append(String.format(
                Locale.ROOT, "%-32s %9d%n", "judge errors", m.path("errors").asInt()));
        JsonNode orders = m.path("orders");
        if (!orders.isMissingNode()) {
            b.append(line("forward overall", orders.path("forward").path("overall")));
            b.append(line("reverse overall", orders.path("reverse").path("overall")));
            b.append(line("mean of both orders", orders.path("mean_overall")));
            b.append(line("position consistency", orders.path("position_consistency")));
        }
        int kmax = m.path("voting").size();
        if (kmax > 1) {
            b.append(String.format(Locale.ROOT, "%-6s %9s %9s %9s%n", "K", "voting@K", "any@K", "macro"));
            for (int k = 1; k <= kmax; k++) {
                JsonNode v = m.path("voting").path(String.valueOf(k));
                b.append(String.format(
                        Locale.ROOT,
                        "%-6d %9s %9s %9s%n",
                        k,
                        num(v.path("overall")),
                        num(m.path("any").path(String.valueOf(k))),
                        num(v.path("macro"))));
            }
        }
        return b.toString();
    }

    private static String row(String name, JsonNode f) {
        return String.format(
                Locale.ROOT,
                "%-22s %9d %9s %9s%n",
                name,
                f.path("judgments").asInt(),
                num(f.path("acc")),
                num(f.path("acc_plus")));
    }

    private static String line(String name, JsonNode v) {
        return String.format(Locale.ROOT, "%-32s %9s%n", name, num(v));
    }

    private static String num(JsonNode v) {
        return v.isNumber() ? String.format(Locale.ROOT, "%.2f", v.asDouble()) : "-";
    }
}
