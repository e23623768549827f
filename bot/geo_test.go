package bot

import (
	"math"
	"testing"
)

func TestPlaceAtCities(t *testing.T) {
	cases := []struct {
		name     string
		lat, lon float64
		dept     string
	}{
		{"Paris, Notre-Dame", 48.853, 2.350, "75"},
		{"Lyon, Bellecour", 45.758, 4.832, "69"},
		{"Marseille, Vieux-Port", 43.295, 5.374, "13"},
		{"Lille, Grand-Place", 50.637, 3.063, "59"},
		{"Nice, Promenade des Anglais", 43.695, 7.265, "06"},
		{"Toulouse, Capitole", 43.604, 1.443, "31"},
		{"Bordeaux, place de la Bourse", 44.841, -0.570, "33"},
		{"Strasbourg, cathédrale", 48.582, 7.751, "67"},
		{"Rennes, place de la Mairie", 48.111, -1.680, "35"},
		{"Ajaccio", 41.919, 8.738, "2A"},
		{"Bastia", 42.697, 9.450, "2B"},
		{"Saint-Denis de La Réunion", -20.882, 55.451, "974"},
		{"Fort-de-France", 14.603, -61.073, "972"},
		{"Cayenne", 4.938, -52.330, "973"},
		// Cities that are not prefectures.
		{"Brest", 48.390, -4.486, "29"},
		{"Cannes", 43.552, 7.017, "06"},
		{"Versailles, château", 48.805, 2.120, "78"},
		{"Pointe-à-Pitre", 16.241, -61.533, "971"},
		{"Saint-Pierre de La Réunion", -21.339, 55.478, "974"},
		{"Kourou", 5.160, -52.650, "973"},
		{"Mamoudzou", -12.781, 45.228, "976"},
		{"Nouméa", -22.276, 166.458, "988"},
		{"Papeete", -17.535, -149.569, "987"},
		{"Mata-Utu", -13.283, -176.176, "986"},
	}
	for _, c := range cases {
		p, ok := PlaceAt(c.lat, c.lon)
		if !ok {
			t.Errorf("PlaceAt(%v, %v) (%s): not placed, want %s", c.lat, c.lon, c.name, c.dept)
			continue
		}
		d, _ := DepartmentByCode(c.dept)
		want := Place{Department: d.Code, DepartmentName: d.Name, Region: d.Region}
		if p != want {
			t.Errorf("PlaceAt(%v, %v) (%s) = %+v, want %+v", c.lat, c.lon, c.name, p, want)
		}
	}
}

func TestPlaceAtNowhere(t *testing.T) {
	cases := []struct {
		name     string
		lat, lon float64
	}{
		{"Atlantic, west of Brittany", 46.0, -15.0},
		{"Madrid", 40.417, -3.704},
		{"Gulf of Guinea", 0, 0},
		{"North Pole", 90, 0},
		{"New York", 40.713, -74.006},
		{"Indian Ocean, between Mayotte and La Réunion", -17.0, 50.5},
		{"latitude out of range", 91, 2.35},
		{"longitude out of range", 48.86, 182.35},
		{"NaN", math.NaN(), 2.35},
	}
	for _, c := range cases {
		if p, ok := PlaceAt(c.lat, c.lon); ok {
			t.Errorf("PlaceAt(%v, %v) (%s) = %+v, want not placed", c.lat, c.lon, c.name, p)
		}
	}
}

func TestGeoPrefecturesCoverDepartments(t *testing.T) {
	for _, d := range Departments {
		pref, ok := geoPrefectures[d.Code]
		if !ok {
			t.Errorf("département %s (%s) has no prefecture coordinates", d.Code, d.Name)
			continue
		}
		// Each prefecture is placed in its own département.
		p, ok := PlaceAt(pref.lat, pref.lon)
		if !ok || p.Department != d.Code {
			t.Errorf("PlaceAt(prefecture of %s %s) = %+v, %v", d.Code, d.Name, p, ok)
		}
	}
	if len(geoPrefectures) != len(Departments) {
		for code := range geoPrefectures {
			if _, ok := DepartmentByCode(code); !ok {
				t.Errorf("prefecture coordinates for unknown département %q", code)
			}
		}
	}
}

// TestGeoPrefecturesPlausible catches typos in the table: metropolitan prefectures lie within
// metropolitan France and each one is less than 150 km from another one.
func TestGeoPrefecturesPlausible(t *testing.T) {
	metro := func(code string) bool { return len(code) == 2 }
	for code, p := range geoPrefectures {
		if !metro(code) {
			continue
		}
		if p.lat < 41.3 || p.lat > 51.1 || p.lon < -4.8 || p.lon > 9.6 {
			t.Errorf("prefecture of %s at (%v, %v) is outside metropolitan France", code, p.lat, p.lon)
		}
		if (code == "2A" || code == "2B") && (p.lat > 43.1 || p.lon < 8.5) {
			t.Errorf("prefecture of %s at (%v, %v) is not in Corsica", code, p.lat, p.lon)
		}
		nearest := math.Inf(1)
		for other, q := range geoPrefectures {
			if other != code && metro(other) {
				nearest = min(nearest, geoDistanceKm(p, q))
			}
		}
		if nearest > 150 {
			t.Errorf("prefecture of %s at (%v, %v) is %.0f km from any other one", code, p.lat, p.lon, nearest)
		}
	}
}

func TestGeoDistance(t *testing.T) {
	cases := []struct {
		a, b   geoPoint
		wantKm float64
	}{
		{geoPoint{48.86, 2.35}, geoPoint{45.76, 4.84}, 392},   // Paris - Lyon
		{geoPoint{48.86, 2.35}, geoPoint{43.30, 5.37}, 661},   // Paris - Marseille
		{geoPoint{0, 179.5}, geoPoint{0, -179.5}, 111.2},      // across the antimeridian
		{geoPoint{-20.88, 55.45}, geoPoint{-20.88, 55.45}, 0}, // same point
	}
	for _, c := range cases {
		if got := geoDistanceKm(c.a, c.b); math.Abs(got-c.wantKm) > 0.01*c.wantKm+0.5 {
			t.Errorf("geoDistanceKm(%v, %v) = %.1f km, want about %.1f", c.a, c.b, got, c.wantKm)
		}
	}
}
