package dev.verdict.data.synth;

/**
 * One generated judge item before its responses are ordered: the scene, the question, the right and the wrong
 * response, and what the teacher needs to explain the difference.
 *
 * @param category perception, hallucination or reasoning
 * @param kind the task kind ({@code count}, {@code cell_colour}, ...), written as the subset
 * @param scene what the image shows
 * @param question the question
 * @param right the response that agrees with the scene
 * @param wrong the response that contradicts it
 * @param topic what the question asks, for the teacher's opener
 * @param fact the true fact of the scene that settles the question
 * @param rightClaim what the right response claims
 * @param wrongClaim what the wrong response claims
 * @param lookup what the look-up wording ({@link Judgments#LOOKUP}) says
 * @param factOtherOrder {@code fact} stated with its two objects in the other order, for questions about two
 *     objects (a judge that names them in the other order states the same fact); empty where there is none
 */
record Draft(
        String category,
        String kind,
        Scene scene,
        String question,
        String right,
        String wrong,
        String topic,
        String fact,
        String rightClaim,
        String wrongClaim,
        Lookup lookup,
        String factOtherOrder) {

    /** A draft whose fact has one wording only. */
    Draft(
            String category,
            String kind,
            Scene scene,
            String question,
            String right,
            String wrong,
            String topic,
            String fact,
            String rightClaim,
            String wrongClaim,
            Lookup lookup) {
        this(category, kind, scene, question, right, wrong, topic, fact, rightClaim, wrongClaim, lookup, "");
    }

    /**
     * The look-up wording's parts: the fact it states, and the one word each response is quoted by (the word the
     * two responses differ in; the right one's word is the word the verdict looks up).
     *
     * @param fact the true fact as stated (contains {@code right} except for yes/no questions)
     * @param right the right response's word
     * @param wrong the wrong response's word
     * @param factOtherOrder {@code fact} with its two objects in the other order, empty where there is none
     */
    record Lookup(String fact, String right, String wrong, String factOtherOrder) {
        /** A look-up whose fact has one wording only. */
        Lookup(String fact, String right, String wrong) {
            this(fact, right, wrong, "");
        }

        Lookup {
            if (right.isBlank()
                    || wrong.isBlank()
                    || right.contains(" ")
                    || wrong.contains(" ")
                    || right.equals(wrong)) {
                throw new IllegalStateException(
                        "look-up words must be two different single words: " + right + ", " + wrong);
            }
        }
    }
}
