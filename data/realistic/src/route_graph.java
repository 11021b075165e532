import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Two-way routes between stops; the fewest hops between two stops, and the stops reachable from one. */
class RouteGraph {
    private final Map<String, List<String>> links = new HashMap<>();
    private int routes;

    boolean connect(String a, String b) {
        if (a.isEmpty() || b.isEmpty() || a.equals(b)) throw new IllegalArgumentException("bad route");
        List<String> fromA = links.computeIfAbsent(a, k -> new ArrayList<>());
        if (fromA.contains(b)) return false;
        fromA.add(b);
        links.computeIfAbsent(b, k -> new ArrayList<>()).add(a);
        routes++;
        return true;
    }

    int hops(String from, String to) {
        if (!links.containsKey(from) || !links.containsKey(to)) return -1;
        Map<String, Integer> dist = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        dist.put(from, 0);
        queue.add(from);
        while (!queue.isEmpty()) {
            String at = queue.poll();
            if (at.equals(to)) return dist.get(at);
            for (String next : links.get(at)) {
                if (!dist.containsKey(next)) {
                    dist.put(next, dist.get(at) + 1);
                    queue.add(next);
                }
            }
        }
        return -1;
    }

    List<String> reachable(String from) {
        Set<String> seen = new HashSet<>();
        Deque<String> stack = new ArrayDeque<>();
        if (links.containsKey(from)) stack.push(from);
        while (!stack.isEmpty()) {
            String at = stack.pop();
            if (!seen.add(at)) continue;
            for (String next : links.get(at)) stack.push(next);
        }
        seen.remove(from);
        List<String> out = new ArrayList<>(seen);
        Collections.sort(out);
        return out;
    }

    int components() {
        Set<String> seen = new HashSet<>();
        int count = 0;
        for (String stop : links.keySet()) {
            if (seen.contains(stop)) continue;
            count++;
            seen.add(stop);
            seen.addAll(reachable(stop));
        }
        return count;
    }

    int routes() {
        return routes;
    }

    int stops() {
        return links.size();
    }
}
