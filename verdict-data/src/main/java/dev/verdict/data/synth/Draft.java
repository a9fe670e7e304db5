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
        String wrongClaim) {}
