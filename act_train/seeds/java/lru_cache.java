import java.util.*;

class LruCache {
    private final int capacity;
    private final LinkedHashMap<String, Integer> map = new LinkedHashMap<>();
    private int evictions;

    LruCache(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1");
        this.capacity = capacity;
    }

    // -1 when absent; a hit makes the key the most recently used
    int get(String key) {
        Integer v = map.remove(key);
        if (v == null) return -1;
        map.put(key, v);
        return v;
    }

    void put(String key, int value) {
        map.remove(key);
        if (map.size() == capacity) {
            String eldest = map.keySet().iterator().next();
            map.remove(eldest);
            evictions++;
        }
        map.put(key, value);
    }

    int size() { return map.size(); }

    int evictions() { return evictions; }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        LruCache c = new LruCache(2);
        c.put("a", 1); c.put("b", 2);
        check(c.get("a") == 1, "hit");
        c.put("c", 3);
        check(c.get("b") == -1 && c.get("a") == 1 && c.get("c") == 3, "b was least recently used");
        check(c.size() == 2 && c.evictions() == 1, "size and evictions");
        c.put("a", 10);
        check(c.get("a") == 10 && c.evictions() == 1, "update does not evict");
        c.put("d", 4);
        check(c.get("c") == -1 && c.evictions() == 2, "c evicted");
        LruCache one = new LruCache(1);
        one.put("x", 5); one.put("y", 6);
        check(one.get("x") == -1 && one.get("y") == 6, "capacity one");
        boolean threw = false;
        try { new LruCache(0); } catch (IllegalArgumentException e) { threw = true; }
        check(threw, "bad capacity");
    }
}
