package dev.verdict.judge;

/** A judge's pick: Response 1, Response 2, or INVALID when no choice could be read from the output. */
public enum Choice {
    ONE,
    TWO,
    INVALID;

    /** The choice after the two responses are swapped (INVALID stays INVALID). */
    public Choice swapped() {
        return switch (this) {
            case ONE -> TWO;
            case TWO -> ONE;
            case INVALID -> INVALID;
        };
    }

    /** 1, 2, or 0 for INVALID. */
    public int position() {
        return switch (this) {
            case ONE -> 1;
            case TWO -> 2;
            case INVALID -> 0;
        };
    }

    /** Whether this pick agrees with {@code label} (never for INVALID or UNKNOWN). */
    public boolean matches(Preference label) {
        return this != INVALID && label.asChoice() == this;
    }
}
