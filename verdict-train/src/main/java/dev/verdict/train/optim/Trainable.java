package dev.verdict.train.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.bytedeco.pytorch.Tensor;

/** Which of a model's parameters a run trains: the {@code train.freeze} key of the SFT, RL and pretraining configs. */
public final class Trainable {
    /** The config key this class reads, for error messages. */
    public static final String KEY = "train.freeze";

    private Trainable() {}

    /**
     * Checks a config's {@link #KEY} value: set ({@code ""} = train all) and a regular expression.
     *
     * @throws IllegalArgumentException naming the key otherwise
     */
    public static void check(String freeze) {
        if (freeze == null) {
            throw new IllegalArgumentException(KEY + " must be set (\"\" = train all)");
        }
        freezePattern(freeze);
    }

    /**
     * The {@link #KEY} pattern, or none for {@code ""}.
     *
     * @throws IllegalArgumentException naming the key when {@code freeze} is not a regular expression
     */
    public static Pattern freezePattern(String freeze) {
        if (freeze == null || freeze.isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile(freeze);
        } catch (PatternSyntaxException e) {
            // not chained: config errors report their root cause, which has to name the key
            throw new IllegalArgumentException(KEY + " '" + freeze + "' is not a regular expression: "
                    + e.getDescription() + " at index " + e.getIndex());
        }
    }

    /**
     * Marks the parameters that train ({@code eligible} and not matched in full by the {@code freeze} pattern) as
     * requiring a gradient and every other one as not, and returns the trained ones in the model's order.
     *
     * @param parameters the model's parameters by name, in the model's order
     * @param freeze the {@link #KEY} value ("" = none frozen)
     * @param eligible names the stage may train at all (a stage that trains only part of the model narrows it)
     * @param stage the stage named on the console line that says how many tensors train (printed when
     *     {@code announce} and something is frozen)
     * @throws IllegalArgumentException when {@code freeze} matches no parameter, or leaves none to train
     */
    public static List<Tensor> select(
            Map<String, Tensor> parameters, String freeze, Predicate<String> eligible, String stage, boolean announce) {
        Pattern frozenNames = freezePattern(freeze);
        List<Tensor> trained = new ArrayList<>();
        int matched = 0;
        for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
            boolean frozen =
                    frozenNames != null && frozenNames.matcher(e.getKey()).matches();
            matched += frozen ? 1 : 0;
            boolean trains = !frozen && eligible.test(e.getKey());
            e.getValue().requires_grad_(trains);
            if (trains) {
                trained.add(e.getValue());
            }
        }
        if (frozenNames != null && matched == 0) {
            throw new IllegalArgumentException(KEY + " '" + freeze + "' matches no parameter name in full (names look"
                    + " like " + examples(parameters) + ")");
        }
        if (trained.isEmpty()) {
            throw new IllegalArgumentException(KEY + " '" + freeze + "' leaves no parameter to train");
        }
        if (frozenNames != null && announce) {
            System.out.printf(
                    "%s: training %d of %d parameter tensors (%s '%s' keeps %d as they were)%n",
                    stage, trained.size(), parameters.size(), KEY, freeze, matched);
        }
        return trained;
    }

    /** A few parameter names, for an error message. */
    private static String examples(Map<String, Tensor> parameters) {
        List<String> names = new ArrayList<>(parameters.keySet());
        List<String> shown = new ArrayList<>();
        for (String prefix : List.of("model.", "visual.")) {
            names.stream().filter(n -> n.startsWith(prefix)).findFirst().ifPresent(n -> shown.add("'" + n + "'"));
        }
        if (shown.isEmpty() && !names.isEmpty()) {
            shown.add("'" + names.get(0) + "'");
        }
        return String.join(", ", shown);
    }
}
