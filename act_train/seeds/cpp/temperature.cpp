#include <stdexcept>
#include <string>
using namespace std;

double to_fahrenheit(double celsius) {
    if (celsius < -273.15) throw domain_error("below absolute zero");
    return celsius * 9.0 / 5.0 + 32.0;
}

double to_celsius(double fahrenheit) {
    return (fahrenheit - 32.0) * 5.0 / 9.0;
}

string classify(double celsius) {
    if (celsius < 0) return "freezing";
    if (celsius < 15) return "cold";
    if (celsius < 25) return "mild";
    return "hot";
}
// ---- tests ----
#include <cassert>
#include <cmath>
int main() {
    assert(to_fahrenheit(100) == 212 && to_fahrenheit(0) == 32 && to_fahrenheit(-40) == -40);
    assert(fabs(to_celsius(98.6) - 37.0) < 1e-9 && to_celsius(32) == 0);
    assert(classify(-0.5) == "freezing" && classify(0) == "cold" && classify(14.9) == "cold");
    assert(classify(15) == "mild" && classify(24.99) == "mild" && classify(25) == "hot");
    bool thrown = false;
    try { to_fahrenheit(-300); } catch (const domain_error&) { thrown = true; }
    assert(thrown);
    return 0;
}
