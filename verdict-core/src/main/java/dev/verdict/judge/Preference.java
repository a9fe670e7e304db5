package dev.verdict.judge;

/** The human (or ground-truth) label of a pair: which response is better, or unknown for unlabeled data. */
public enum Preference {
    ONE,
    TWO,
    UNKNOWN;

    /** {@code 1} -> ONE, {@code 2} -> TWO. */
    public static Preference of(int position) {
        return switch (position) {
            case 1 -> ONE;
            case 2 -> TWO;
            default -> throw new IllegalArgumentException("preferred must be 1 or 2, got " + position);
        };
    }

    /** 1, 2, or 0 for UNKNOWN. */
    public int position() {
        return switch (this) {
            case ONE -> 1;
            case TWO -> 2;
            case UNKNOWN -> 0;
        };
    }

    /** The label after the two responses are swapped. */
    public Preference swapped() {
        return switch (this) {
            case ONE -> TWO;
            case TWO -> ONE;
            case UNKNOWN -> UNKNOWN;
        };
    }

    /** The verdict choice that agrees with this label, or INVALID for UNKNOWN. */
    public Choice asChoice() {
        return switch (this) {
            case ONE -> Choice.ONE;
            case TWO -> Choice.TWO;
            case UNKNOWN -> Choice.INVALID;
        };
    }
}
