#include <cmath>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>
using namespace std;

static string unit_key(const string& unit) {
    string out;
    for (char c : unit)
        if (c != ' ') out += static_cast<char>(tolower(static_cast<unsigned char>(c)));
    return out;
}

// Converts lengths between registered units (factors in millimetres); unknown units are an error.
class UnitConverter {
    map<string, double> to_millimetres{{"mm", 1.0}, {"cm", 10.0}, {"m", 1000.0},
                                       {"km", 1000000.0}, {"in", 25.4}, {"ft", 304.8}};
    int conversions = 0;

    double factor(const string& unit) const {
        auto it = to_millimetres.find(unit_key(unit));
        if (it == to_millimetres.end()) throw invalid_argument("unknown unit " + unit);
        return it->second;
    }

public:
    void define(const string& unit, double millimetres) {
        string key = unit_key(unit);
        if (key.empty() || millimetres <= 0) throw invalid_argument("bad unit definition");
        if (to_millimetres.count(key)) throw logic_error("unit " + key + " exists");
        to_millimetres[key] = millimetres;
    }

    double convert(double value, const string& from, const string& to) {
        double f = factor(from) / factor(to);
        conversions++;
        return value * f;
    }

    // rounded to whole hundredths, half away from zero, then written with two decimals
    string format(double value, const string& from, const string& to) {
        long long hundredths = llround(fabs(convert(value, from, to)) * 100);
        string cents = to_string(hundredths % 100);
        return (value < 0 && hundredths != 0 ? "-" : "") + to_string(hundredths / 100) + "." +
               (cents.size() < 2 ? "0" : "") + cents + " " + unit_key(to);
    }

    bool knows(const string& unit) const { return to_millimetres.count(unit_key(unit)) > 0; }

    vector<string> units() const {
        vector<string> out;
        for (const auto& [unit, mm] : to_millimetres) out.push_back(unit);
        return out;
    }

    int conversion_count() const { return conversions; }
};
