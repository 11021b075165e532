#include <stdexcept>
#include <string>
using namespace std;

class Thermostat {
    double target;
    double band;
    string mode = "idle";
    int switches = 0;
public:
    Thermostat(double target, double band) : target(target), band(band) {
        if (band <= 0) throw invalid_argument("band must be positive");
    }
    // heat below target - band, cool above target + band, otherwise keep the current mode until target is crossed
    string update(double reading) {
        string next = mode;
        if (reading < target - band) next = "heat";
        else if (reading > target + band) next = "cool";
        else if ((mode == "heat" && reading >= target) || (mode == "cool" && reading <= target)) next = "idle";
        if (next != mode) switches++;
        mode = next;
        return mode;
    }
    void set_target(double t) { target = t; }
    int switch_count() const { return switches; }
};
// ---- tests ----
#include <cassert>
int main() {
    Thermostat t(20, 1);
    assert(t.update(20.5) == "idle" && t.switch_count() == 0);
    assert(t.update(18.9) == "heat" && t.update(19.5) == "heat" && t.update(20) == "idle");
    assert(t.update(21.2) == "cool" && t.update(20.4) == "cool" && t.update(19.9) == "idle");
    assert(t.switch_count() == 4);
    t.set_target(25);
    assert(t.update(23.5) == "heat" && t.switch_count() == 5);
    assert(t.update(26.0) == "idle" && t.update(26.5) == "cool");
    bool thrown = false;
    try { Thermostat bad(20, 0); } catch (const invalid_argument&) { thrown = true; }
    assert(thrown);
    return 0;
}
