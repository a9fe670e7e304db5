package dev.verdict.model;

/**
 * Maps between the two tensor namings of Qwen2.5-VL checkpoints: the legacy one of the published
 * checkpoints ({@code visual.*}, {@code model.*}, {@code lm_head.weight}), which verdict uses and saves,
 * and the newer in-memory one of transformers >= 4.52 ({@code model.visual.*}, {@code
 * model.language_model.*}).
 */
public final class TensorNames {
    private TensorNames() {}

    /** The legacy spelling of {@code name}, whichever spelling it has. */
    public static String toLegacy(String name) {
        if (name.startsWith("model.visual.")) {
            return name.substring("model.".length());
        }
        if (name.startsWith("model.language_model.")) {
            return "model." + name.substring("model.language_model.".length());
        }
        return name;
    }

    /** The newer spelling of a legacy {@code name}. */
    public static String toNew(String name) {
        if (name.startsWith("visual.")) {
            return "model." + name;
        }
        if (name.startsWith("model.")
                && !name.startsWith("model.language_model.")
                && !name.startsWith("model.visual.")) {
            return "model.language_model." + name.substring("model.".length());
        }
        return name;
    }
}
