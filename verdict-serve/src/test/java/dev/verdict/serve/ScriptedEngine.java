package dev.verdict.serve;

import dev.verdict.generate.Generation;
import dev.verdict.judge.prompt.R1RewardPrompt;
import dev.verdict.tokenizer.ChatMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic engine for testing the server's logic: a judge prompt is answered in the strict format for the
 * longer response (response 1 on a tie), any other chat by echoing its last text. A question of {@code boom}
 * fails, and every batch can be slowed down to fill the queue.
 */
final class ScriptedEngine implements Engine {
    final List<String> promptTexts = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger largestBatch = new AtomicInteger();
    final AtomicInteger batches = new AtomicInteger();
    volatile long delayMillis;
    /** CPU time each batch burns on the model thread, as a real model does (the cores are then contended). */
    volatile long busyMillis;

    volatile boolean closed;

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public List<Completion> complete(List<Prompt> prompts) {
        batches.incrementAndGet();
        largestBatch.accumulateAndGet(prompts.size(), Math::max);
        long busyUntil = System.nanoTime() + busyMillis * 1_000_000;
        while (System.nanoTime() < busyUntil) {
            Thread.onSpinWait();
        }
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Completion> out = new ArrayList<>();
        for (Prompt p : prompts) {
            String text = lastText(p.messages());
            promptTexts.add(text);
            out.add(new Completion(answer(text, p.images().size()), text.length(), 3, Generation.Finish.EOS));
        }
        return out;
    }

    private static String answer(String text, int images) {
        var parts = R1RewardPrompt.unrender(text);
        if (parts.isEmpty()) {
            return "echo " + images + ": " + text;
        }
        if (parts.get().get(0).equals("boom")) {
            throw new IllegalStateException("scripted failure");
        }
        int pick = parts.get().get(1).length() >= parts.get().get(2).length() ? 1 : 2;
        return "<think>the longer one</think><answer>" + pick + "</answer>";
    }

    private static String lastText(List<ChatMessage> messages) {
        String last = "";
        for (ChatMessage m : messages) {
            for (ChatMessage.Part part : m.parts()) {
                if (part instanceof ChatMessage.Text t) {
                    last = t.text();
                }
            }
        }
        return last;
    }

    @Override
    public void close() {
        closed = true;
    }
}
