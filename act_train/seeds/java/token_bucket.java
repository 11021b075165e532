class TokenBucket {
    private final int capacity;
    private final int refillPerTick;
    private int tokens;
    private long granted;

    TokenBucket(int capacity, int refillPerTick) {
        if (capacity <= 0 || refillPerTick < 0) throw new IllegalArgumentException("bad bucket");
        this.capacity = capacity;
        this.refillPerTick = refillPerTick;
        this.tokens = capacity;
    }

    boolean tryTake(int n) {
        if (n <= 0) throw new IllegalArgumentException("n must be positive");
        if (n > tokens) return false;
        tokens -= n;
        granted += n;
        return true;
    }

    void tick() {
        tokens = Math.min(capacity, tokens + refillPerTick);
    }

    int available() { return tokens; }

    long granted() { return granted; }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        TokenBucket b = new TokenBucket(5, 2);
        check(b.available() == 5, "starts full");
        check(b.tryTake(3) && b.available() == 2, "take 3");
        check(!b.tryTake(3) && b.available() == 2, "refused, nothing taken");
        b.tick();
        check(b.available() == 4 && b.tryTake(4) && b.available() == 0, "refill then drain");
        b.tick(); b.tick(); b.tick(); b.tick();
        check(b.available() == 5, "capped at capacity");
        check(b.granted() == 7, "granted total");
        boolean threw = false;
        try { b.tryTake(0); } catch (IllegalArgumentException e) { threw = true; }
        check(threw, "zero take");
        threw = false;
        try { new TokenBucket(0, 1); } catch (IllegalArgumentException e) { threw = true; }
        check(threw, "zero capacity");
    }
}
