package dev.verdict.data.synth;

import dev.verdict.judge.Preference;

/**
 * One finished judge item of the world: responses ordered, label set, teacher judgment written.
 *
 * @param id item id ({@code train-000042})
 * @param category perception, hallucination or reasoning
 * @param kind the task kind (subset)
 * @param scene what the image shows
 * @param question the question
 * @param response1 the response shown first
 * @param response2 the response shown second
 * @param preferred which response is right
 * @param judgment the teacher's R1-Reward-format judgment
 * @param fact the true fact the judgment states
 * @param factOtherOrder the same fact with its two objects in the other order; empty where there is none
 * @param answer the one word the right response differs from the wrong one by (a colour, a shape, a number, yes
 *     or no): the question's answer
 */
public record WorldItem(
        String id,
        String category,
        String kind,
        Scene scene,
        String question,
        String response1,
        String response2,
        Preference preferred,
        String judgment,
        String fact,
        String factOtherOrder,
        String answer) {}
