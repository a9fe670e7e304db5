package dev.verdict.train.curate;

import dev.verdict.judge.JudgeOptions;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.SamplingJudge;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A judge answering from a script: the n-th call for an item answers {@code script.get(id).get(n)} (1, 2, or 0 for
 * an output without an answer), the last entry repeating. Records every call's id and temperature.
 */
final class ScriptedJudge extends SamplingJudge {
    private final Map<String, List<Integer>> script;
    private final Map<String, Integer> calls = new ConcurrentHashMap<>();
    final List<String> calledIds = new CopyOnWriteArrayList<>();
    final List<Double> temperatures = new CopyOnWriteArrayList<>();

    ScriptedJudge(Map<String, List<Integer>> script) {
        this.script = script;
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    protected List<String> sample(PairExample presented, JudgeOptions options) {
        int n = calls.merge(presented.id(), 1, Integer::sum) - 1;
        calledIds.add(presented.id());
        temperatures.add(options.temperature());
        List<Integer> answers = script.get(presented.id());
        int answer = answers.get(Math.min(n, answers.size() - 1));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < options.votes(); i++) {
            out.add("<think>scripted attempt " + (n + 1) + "</think>"
                    + (answer == 0 ? "no answer" : "<answer>" + answer + "</answer>"));
        }
        return out;
    }
}
