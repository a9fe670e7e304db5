package dev.verdict.eval.report;

import java.util.List;

/** Small HTML building helpers; every string put into the page goes through {@link #esc}. */
final class Html {

    private Html() {}

    /** Escapes text for an HTML element body or a quoted attribute value. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A table with a header row; every cell is escaped. */
    static String table(List<String> header, List<List<String>> rows) {
        StringBuilder b = new StringBuilder("<table>\n<tr>");
        header.forEach(h -> b.append("<th>").append(esc(h)).append("</th>"));
        b.append("</tr>\n");
        for (List<String> row : rows) {
            b.append("<tr>");
            row.forEach(c -> b.append("<td>").append(esc(c)).append("</td>"));
            b.append("</tr>\n");
        }
        return b.append("</table>\n").toString();
    }

    /** A section with an escaped heading around already-built body markup. */
    static String section(String id, String heading, String body) {
        return "<section id=\"" + esc(id) + "\">\n<h2>" + esc(heading) + "</h2>\n" + body + "</section>\n";
    }

    /** A figure wrapping a chart's SVG markup (produced by JFreeSVG, which escapes its own text). */
    static String figure(String svg) {
        return "<figure class=\"chart\">" + svg + "</figure>\n";
    }

    /** A whole page: the escaped title as {@code <title>} and {@code <h1>}, the style, then the built body. */
    static String document(String title, String style, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + esc(title)
                + "</title>\n<style>" + style + "</style>\n</head>\n<body>\n<h1>" + esc(title) + "</h1>\n" + body
                + "</body>\n</html>\n";
    }
}
