package dev.verdict.serve;

import dev.verdict.judge.Choice;
import dev.verdict.judge.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Best-of-N over a pairwise judge. Every match judges a pair in both orders; each order is one game, won by the
 * response its verdict chose (an INVALID verdict is a game nobody wins).
 *
 * <ul>
 *   <li>Round robin: every pair plays once; the order is by games won, ties by index.
 *   <li>Knockout: pairs in index order play, winners go on (an odd one out gets a bye); a match is won by the
 *       larger share of valid votes, a draw by the lower index. The order is the champion, then by the round a
 *       response fell in (later first), then games won, then index.
 * </ul>
 */
final class Tournament {
    private Tournament() {}

    /** Plays one match: response {@code a} shown as response 1 of the pair, {@code b} as response 2. */
    interface Match {
        PairJudging.Judgment play(int a, int b);
    }

    /**
     * A finished tournament.
     *
     * @param order response indices, best first
     * @param wins games won per response
     * @param games games played in all
     */
    record Result(List<Integer> order, int[] wins, int games) {}

    static Result roundRobin(int n, Match match) {
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                pairs.add(new int[] {i, j});
            }
        }
        int[] wins = new int[n];
        List<PairJudging.Judgment> results = Parallel.map(pairs, p -> match.play(p[0], p[1]));
        int games = 0;
        for (int k = 0; k < pairs.size(); k++) {
            games += score(pairs.get(k)[0], pairs.get(k)[1], results.get(k), wins);
        }
        List<Integer> order = IntStream.range(0, n)
                .boxed()
                .sorted(Comparator.comparingInt((Integer i) -> -wins[i]).thenComparingInt(i -> i))
                .toList();
        return new Result(order, wins, games);
    }

    static Result knockout(int n, Match match) {
        int[] wins = new int[n];
        int[] fellIn = new int[n];
        List<Integer> alive = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        int games = 0;
        for (int round = 1; alive.size() > 1; round++) {
            List<int[]> pairs = new ArrayList<>();
            for (int k = 0; k + 1 < alive.size(); k += 2) {
                pairs.add(new int[] {alive.get(k), alive.get(k + 1)});
            }
            List<PairJudging.Judgment> results = Parallel.map(pairs, p -> match.play(p[0], p[1]));
            List<Integer> next = new ArrayList<>();
            for (int k = 0; k < pairs.size(); k++) {
                int a = pairs.get(k)[0];
                int b = pairs.get(k)[1];
                games += score(a, b, results.get(k), wins);
                boolean aWins = results.get(k).winProbability1() >= 0.5;
                next.add(aWins ? a : b);
                fellIn[aWins ? b : a] = round;
            }
            if (alive.size() % 2 == 1) {
                next.add(alive.getLast());
            }
            alive = next;
        }
        int champion = alive.getFirst();
        fellIn[champion] = Integer.MAX_VALUE;
        List<Integer> order = IntStream.range(0, n)
                .boxed()
                .sorted(Comparator.comparingInt((Integer i) -> -fellIn[i])
                        .thenComparingInt(i -> -wins[i])
                        .thenComparingInt(i -> i))
                .toList();
        return new Result(order, wins, games);
    }

    /** Adds the games of one match to {@code wins}; returns how many games it had. */
    private static int score(int a, int b, PairJudging.Judgment j, int[] wins) {
        for (Verdict v : j.verdicts()) {
            if (v.choice() == Choice.ONE) {
                wins[a]++;
            } else if (v.choice() == Choice.TWO) {
                wins[b]++;
            }
        }
        return j.verdicts().size();
    }
}
