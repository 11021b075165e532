import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Player scores: the best score per player counts; ties rank by who reached it first. */
class Leaderboard {
    private final Map<String, Integer> best = new HashMap<>();
    private final Map<String, Integer> reachedAt = new HashMap<>();
    private int submissions;

    boolean submit(String player, int score) {
        if (player.isBlank()) throw new IllegalArgumentException("player name required");
        if (score < 0) throw new IllegalArgumentException("negative score");
        submissions++;
        Integer old = best.get(player);
        if (old != null && old >= score) return false;
        best.put(player, score);
        reachedAt.put(player, submissions);
        return true;
    }

    List<String> top(int n) {
        List<String> players = new ArrayList<>(best.keySet());
        players.sort((a, b) -> {
            int byScore = Integer.compare(best.get(b), best.get(a));
            return byScore != 0 ? byScore : Integer.compare(reachedAt.get(a), reachedAt.get(b));
        });
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(n, players.size()); i++) {
            String p = players.get(i);
            out.add((i + 1) + ". " + p + " " + best.get(p));
        }
        return out;
    }

    int rank(String player) {
        Integer mine = best.get(player);
        if (mine == null) return -1;
        int ahead = 0;
        for (Map.Entry<String, Integer> e : best.entrySet()) {
            int other = e.getValue();
            if (other > mine || (other == mine && reachedAt.get(e.getKey()) < reachedAt.get(player))) ahead++;
        }
        return ahead + 1;
    }

    int scoreOf(String player) {
        return best.getOrDefault(player, 0);
    }

    int players() {
        return best.size();
    }

    void reset(String player) {
        best.remove(player);
        reachedAt.remove(player);
    }
}
