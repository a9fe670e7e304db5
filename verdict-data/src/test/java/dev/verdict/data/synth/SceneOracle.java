package dev.verdict.data.synth;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An independent checker for tests: reads the numbers and names back out of a response or fact sentence with
 * regular expressions and checks them against the scene, without using the generator's code paths.
 */
final class SceneOracle {
    private final WorldConfig cfg;

    SceneOracle(WorldConfig cfg) {
        this.cfg = cfg;
    }

    private int colour(String name) {
        for (int i = 0; i < cfg.colours(); i++) {
            if (cfg.palette().get(i).name().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("unknown colour " + name);
    }

    private ShapeKind shape(String noun) {
        String singular = noun.endsWith("s") ? noun.substring(0, noun.length() - 1) : noun;
        return ShapeKind.valueOf(singular.toUpperCase(Locale.ROOT));
    }

    private static Matcher find(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m : null;
    }

    /** Bar cells of a colour, checked to form one column filled from the bottom. */
    private int barHeight(Scene scene, int colour) {
        int n = 0;
        for (int row = 0; row < scene.grid(); row++) {
            for (int col = 0; col < scene.grid(); col++) {
                Scene.Thing th = scene.at(row, col);
                if (th != null && th.shape() == ShapeKind.BAR && th.colour() == colour) {
                    n++;
                    if (row < scene.grid() - 1 && scene.at(row + 1, col) == null) {
                        throw new AssertionError("floating bar cell");
                    }
                }
            }
        }
        return n;
    }

    /** The scene's only object of a shape (asserted to be unique). */
    private static Scene.Thing only(Scene scene, ShapeKind s) {
        List<Scene.Thing> found =
                scene.things().stream().filter(th -> th.shape() == s).toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " objects of shape " + s + " in " + scene);
        }
        return found.getFirst();
    }

    /** The colour names in {@code text}, in order of appearance (a repeated name counted once). */
    private List<Integer> colours(String text) {
        TreeMap<Integer, Integer> at = new TreeMap<>();
        for (int i = 0; i < cfg.colours(); i++) {
            Matcher m =
                    Pattern.compile("\\b" + cfg.palette().get(i).name() + "\\b").matcher(text);
            if (m.find()) {
                at.put(m.start(), i);
            }
        }
        return List.copyOf(at.values());
    }

    /** Whether {@code text}, an answer to a {@code kind} question, is true of {@code scene}. */
    boolean isTrue(String kind, String question, String text, Scene scene) {
        String t = text.toLowerCase(Locale.ROOT);
        switch (kind) {
            case "count" -> {
                Matcher q = find("(\\w+) (\\w+s) (?:are there|in the image)", question);
                int n = t.contains(" no ")
                        ? 0
                        : Integer.parseInt(find("(\\d+)", t).group(1));
                return scene.count(colour(q.group(1)), shape(q.group(2))) == n;
            }
            case "cell_colour", "cell_shape" -> {
                Matcher q = find("row (\\d+), column (\\d+)", question);
                Scene.Thing th = scene.at(Integer.parseInt(q.group(1)) - 1, Integer.parseInt(q.group(2)) - 1);
                if (th == null) {
                    return false;
                }
                return kind.equals("cell_colour")
                        ? t.contains(" " + cfg.palette().get(th.colour()).name())
                        : t.matches(".*\\b" + th.shape().noun() + "\\b.*");
            }
            case "exists" -> {
                Matcher q = find("a (\\w+) (\\w+) in the image|contain a (\\w+) (\\w+)\\?", question);
                String c = q.group(1) != null ? q.group(1) : q.group(3);
                String s = q.group(2) != null ? q.group(2) : q.group(4);
                boolean present = scene.count(colour(c), shape(s)) > 0;
                return t.startsWith("yes") == present;
            }
            case "describe" -> {
                List<String> actual = scene.things().stream()
                        .map(th -> "a " + cfg.palette().get(th.colour()).name() + " "
                                + th.shape().noun())
                        .toList();
                String list = t.substring(t.indexOf(':') + 2, t.length() - 1);
                return List.of(list.replace(" and ", ", ").split(", ")).equals(actual);
            }
            case "sum" -> {
                Matcher q = find("(\\w+)s (?:and|plus the number of) (\\w+)s", question);
                Matcher r = find("(\\d+) \\w+ and (\\d+) \\w+[,.] (?:so )?\\d+ \\+ \\d+ = (\\d+)", t);
                ShapeKind a = shape(q.group(1));
                ShapeKind b = shape(q.group(2));
                int ca = scene.count(th -> th.shape() == a);
                int cb = scene.count(th -> th.shape() == b);
                return Integer.parseInt(r.group(1)) == ca
                        && Integer.parseInt(r.group(2)) == cb
                        && Integer.parseInt(r.group(3)) == ca + cb;
            }
            case "minus" -> {
                Matcher q = find("not (\\w+)\\?", question);
                int c = colour(q.group(1));
                Matcher r = find("= (\\d+)\\.$", t);
                return scene.count(th -> th.colour() != c) == Integer.parseInt(r.group(1));
            }
            case "bar_height" -> {
                Matcher q = find("the (\\w+) bar", question);
                Matcher r = find("(\\d+)\\.$", t);
                return barHeight(scene, colour(q.group(1))) == Integer.parseInt(r.group(1));
            }
            case "bar_diff" -> {
                Matcher q = find("the (\\w+) bar (?:than|exceed) the (\\w+) bar", question);
                Matcher r = find("(\\d+) - (\\d+) = (\\d+)", t);
                int a = barHeight(scene, colour(q.group(1)));
                int b = barHeight(scene, colour(q.group(2)));
                return Integer.parseInt(r.group(1)) == a
                        && Integer.parseInt(r.group(2)) == b
                        && Integer.parseInt(r.group(3)) == a - b;
            }
            case "shape_colour" -> {
                Matcher q = find("(?:colour is|colour does) the (\\w+)", question);
                Scene.Thing only = only(scene, shape(q.group(1)));
                List<Integer> said = colours(t);
                return said.size() == 1 && said.getFirst() == only.colour();
            }
            case "shape_exists" -> {
                Matcher q = find("a (\\w+) in the image|contain a (\\w+)\\?", question);
                ShapeKind s = shape(q.group(1) != null ? q.group(1) : q.group(2));
                return t.startsWith("yes") == scene.count(th -> th.shape() == s) > 0;
            }
            case "same_colour" -> {
                Matcher q = find("the (\\w+) and the (\\w+)", question);
                int a = only(scene, shape(q.group(1))).colour();
                int b = only(scene, shape(q.group(2))).colour();
                List<Integer> said = colours(t);
                if (t.startsWith("yes")) {
                    return a == b && said.size() == 1 && said.getFirst() == a;
                }
                if (said.size() != 2 || a == b) {
                    return false;
                }
                boolean named = t.contains(q.group(1).toLowerCase(Locale.ROOT));
                return named ? said.equals(List.of(a, b)) : Set.copyOf(said).equals(Set.of(a, b));
            }
            default -> throw new AssertionError("unknown kind " + kind);
        }
    }
}
