import java.util.ArrayList;
import java.util.List;

/** A to-do queue: higher priority first, then first come first served; tasks can be bumped or dropped. */
class PriorityTasks {
    private final List<String> names = new ArrayList<>();
    private final List<Integer> priorities = new ArrayList<>();
    private int completed;

    void add(String name, int priority) {
        if (name.isEmpty()) throw new IllegalArgumentException("task needs a name");
        if (names.contains(name)) throw new IllegalStateException("duplicate task " + name);
        if (priority < 0 || priority > 9) throw new IllegalArgumentException("priority must be 0..9");
        int at = 0;
        while (at < names.size() && priorities.get(at) >= priority) at++;
        names.add(at, name);
        priorities.add(at, priority);
    }

    String next() {
        if (names.isEmpty()) throw new IllegalStateException("nothing to do");
        priorities.remove(0);
        completed++;
        return names.remove(0);
    }

    String peek() {
        return names.isEmpty() ? "" : names.get(0);
    }

    boolean bump(String name) {
        int i = names.indexOf(name);
        if (i < 0) return false;
        int priority = Math.min(9, priorities.get(i) + 1);
        names.remove(i);
        priorities.remove(i);
        add(name, priority);
        return true;
    }

    boolean drop(String name) {
        int i = names.indexOf(name);
        if (i < 0) return false;
        names.remove(i);
        priorities.remove(i);
        return true;
    }

    List<String> listing() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) out.add("[" + priorities.get(i) + "] " + names.get(i));
        return out;
    }

    int pending() {
        return names.size();
    }

    int completed() {
        return completed;
    }
}
