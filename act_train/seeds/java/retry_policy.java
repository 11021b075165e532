class RetryPolicy {
    private final int maxAttempts;
    private final long baseDelayMs;
    private final long maxDelayMs;

    RetryPolicy(int maxAttempts, long baseDelayMs, long maxDelayMs) {
        if (maxAttempts < 1 || baseDelayMs <= 0 || maxDelayMs < baseDelayMs)
            throw new IllegalArgumentException("invalid retry policy");
        this.maxAttempts = maxAttempts;
        this.baseDelayMs = baseDelayMs;
        this.maxDelayMs = maxDelayMs;
    }

    // delay before attempt n (n >= 2): base * 2^(n-2), capped
    long delayBefore(int attempt) {
        if (attempt < 2) return 0;
        long delay = baseDelayMs;
        for (int i = 2; i < attempt && delay < maxDelayMs; i++) delay *= 2;
        return Math.min(delay, maxDelayMs);
    }

    // retry server errors and 429, never client errors, and only while attempts remain
    boolean shouldRetry(int attempt, int status) {
        if (attempt >= maxAttempts) return false;
        return status == 429 || (status >= 500 && status <= 599);
    }

    long totalDelay() {
        long sum = 0;
        for (int a = 2; a <= maxAttempts; a++) sum += delayBefore(a);
        return sum;
    }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        RetryPolicy p = new RetryPolicy(5, 100, 500);
        check(p.delayBefore(1) == 0 && p.delayBefore(2) == 100 && p.delayBefore(3) == 200, "doubling");
        check(p.delayBefore(4) == 400 && p.delayBefore(5) == 500 && p.delayBefore(9) == 500, "cap");
        check(p.totalDelay() == 1200, "total");
        check(p.shouldRetry(1, 503) && p.shouldRetry(4, 429) && p.shouldRetry(1, 500) && p.shouldRetry(1, 599),
              "retryable");
        check(!p.shouldRetry(5, 503) && !p.shouldRetry(1, 404) && !p.shouldRetry(1, 600) && !p.shouldRetry(1, 499),
              "not retryable");
        int errors = 0;
        try { new RetryPolicy(0, 1, 1); } catch (IllegalArgumentException e) { errors++; }
        try { new RetryPolicy(2, 10, 5); } catch (IllegalArgumentException e) { errors++; }
        check(errors == 2 && new RetryPolicy(1, 5, 5).totalDelay() == 0, "edges");
    }
}
