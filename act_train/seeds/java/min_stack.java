import java.util.*;

class MinStack {
    private final int capacity;
    private final Deque<Integer> values = new ArrayDeque<>();
    private final Deque<Integer> mins = new ArrayDeque<>();

    MinStack(int capacity) {
        if (capacity <= 0) throw new IllegalArgumentException("capacity must be positive");
        this.capacity = capacity;
    }

    void push(int v) {
        if (values.size() == capacity) throw new IllegalStateException("stack is full");
        values.push(v);
        mins.push(mins.isEmpty() ? v : Math.min(v, mins.peek()));
    }

    int pop() {
        if (values.isEmpty()) throw new IllegalStateException("stack is empty");
        mins.pop();
        return values.pop();
    }

    int min() {
        if (mins.isEmpty()) throw new IllegalStateException("stack is empty");
        return mins.peek();
    }

    int size() { return values.size(); }

    boolean isFull() { return values.size() == capacity; }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        MinStack s = new MinStack(3);
        s.push(5); s.push(2); s.push(7);
        check(s.min() == 2 && s.isFull() && s.size() == 3, "min of three");
        boolean threw = false;
        try { s.push(1); } catch (IllegalStateException e) { threw = true; }
        check(threw, "full");
        check(s.pop() == 7 && s.min() == 2 && s.pop() == 2 && s.min() == 5, "min follows pops");
        s.push(5);
        check(s.min() == 5 && s.pop() == 5 && s.pop() == 5 && s.size() == 0 && !s.isFull(), "duplicates");
        int errors = 0;
        try { s.pop(); } catch (IllegalStateException e) { errors++; }
        try { s.min(); } catch (IllegalStateException e) { errors++; }
        try { new MinStack(0); } catch (IllegalArgumentException e) { errors++; }
        check(errors == 3, "errors");
    }
}
