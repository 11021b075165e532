#include <stdexcept>
#include <string>
using namespace std;

// cents: base by zone, plus per started 500 g over the first kilogram; express doubles it
long shipping_cost(int grams, const string& zone, bool express) {
    if (grams <= 0) throw invalid_argument("weight must be positive");
    long base;
    if (zone == "domestic") base = 495;
    else if (zone == "eu") base = 1290;
    else if (zone == "world") base = 2490;
    else throw invalid_argument("unknown zone " + zone);
    if (grams > 1000) base += (grams - 1000 + 499) / 500 * 150;
    return express ? base * 2 : base;
}

bool free_shipping(long order_cents, const string& zone) {
    return zone == "domestic" && order_cents >= 5000;
}
// ---- tests ----
#include <cassert>
int main() {
    assert(shipping_cost(800, "domestic", false) == 495 && shipping_cost(1000, "eu", false) == 1290);
    assert(shipping_cost(1001, "eu", false) == 1440 && shipping_cost(1500, "eu", false) == 1440);
    assert(shipping_cost(1501, "world", true) == 2 * (2490 + 300));
    assert(free_shipping(5000, "domestic") && !free_shipping(4999, "domestic") && !free_shipping(9000, "eu"));
    int errors = 0;
    try { shipping_cost(0, "eu", false); } catch (const invalid_argument&) { errors++; }
    try { shipping_cost(10, "mars", false); } catch (const invalid_argument&) { errors++; }
    assert(errors == 2);
    return 0;
}
