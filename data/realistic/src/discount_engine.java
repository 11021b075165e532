import java.util.HashSet;
import java.util.Set;

class InvalidCouponException extends Exception {
    InvalidCouponException(String code) { super("invalid coupon " + code); }
}

/** Order totals in cents: volume tiers, one coupon per order, and a floor under which no discount applies. */
class DiscountEngine {
    private final Set<String> coupons = new HashSet<>();
    private final Set<String> redeemed = new HashSet<>();
    private final long minimumCents;
    private long discountGiven;

    DiscountEngine(long minimumCents) {
        this.minimumCents = minimumCents;
    }

    void addCoupon(String code) {
        String c = code.trim().toUpperCase();
        if (c.length() < 3) throw new IllegalArgumentException("coupon code too short");
        coupons.add(c);
    }

    int tierPercent(int items) {
        if (items >= 50) return 15;
        if (items >= 20) return 10;
        if (items >= 10) return 5;
        return 0;
    }

    long total(long unitCents, int items) {
        if (unitCents < 0 || items < 0) throw new IllegalArgumentException("negative price or quantity");
        long gross = unitCents * items;
        if (gross < minimumCents) return gross;
        long discount = gross * tierPercent(items) / 100;
        discountGiven += discount;
        return gross - discount;
    }

    long totalWithCoupon(long unitCents, int items, String code) throws InvalidCouponException {
        String c = code.trim().toUpperCase();
        if (!coupons.contains(c) || redeemed.contains(c)) throw new InvalidCouponException(code);
        long net = total(unitCents, items);
        long off = Math.min(net, 500);
        redeemed.add(c);
        discountGiven += off;
        return net - off;
    }

    boolean isRedeemed(String code) {
        return redeemed.contains(code.trim().toUpperCase());
    }

    long discountGiven() {
        return discountGiven;
    }

    int couponsLeft() {
        return coupons.size() - redeemed.size();
    }
}
