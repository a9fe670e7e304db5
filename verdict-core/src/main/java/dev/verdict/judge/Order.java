package dev.verdict.judge;

/** In which order a judge is shown the two responses of a pair. Verdicts always refer to the pair's own order. */
public enum Order {
    /** As given: response1 is "Response 1" (the R1-Reward scripts' chosen-first setting when data is so built). */
    FIXED,
    /** Always swapped: response2 is shown as "Response 1". */
    SWAPPED,
    /** A seeded coin flip per item (from {@link JudgeOptions#seed()} and the item id): reproducible. */
    RANDOM
}
