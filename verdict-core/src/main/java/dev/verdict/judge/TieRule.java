package dev.verdict.judge;

/** What voting does when the valid votes for 1 and 2 are equal and not zero. */
public enum TieRule {
    /** A tie is INVALID (the default: the judge did not decide). */
    INVALID,
    /** A tie goes to the earliest valid sample's choice. */
    FIRST_VALID
}
