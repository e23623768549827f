package bot

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRegionName(t *testing.T) {
	tests := []struct{ code, want string }{
		{"ARA", "Auvergne-Rhône-Alpes"},
		{"BFC", "Bourgogne-Franche-Comté"},
		{"BRE", "Bretagne"},
		{"CVL", "Centre-Val de Loire"},
		{"COR", "Corse"},
		{"GES", "Grand Est"},
		{"HDF", "Hauts-de-France"},
		{"IDF", "Île-de-France"},
		{"NOR", "Normandie"},
		{"NAQ", "Nouvelle-Aquitaine"},
		{"OCC", "Occitanie"},
		{"PDL", "Pays de la Loire"},
		{"PAC", "Provence-Alpes-Côte d'Azur"},
		{"GUA", "Guadeloupe"},
		{"MTQ", "Martinique"},
		{"GUY", "Guyane"},
		{"REU", "La Réunion"},
		{"MAY", "Mayotte"},
		{"COM", "Collectivités d'outre-mer"},
		{"", ""},
		{"XYZ", ""},
		{"idf", ""}, // codes are upper case
	}
	for _, tt := range tests {
		if got := RegionName(tt.code); got != tt.want {
			t.Errorf("RegionName(%q) = %q, want %q", tt.code, got, tt.want)
		}
	}
	if len(Regions) != 19 {
		t.Errorf("len(Regions) = %d, want 19 (13 metropolitan, 5 overseas, COM)", len(Regions))
	}
}

func TestDepartmentTable(t *testing.T) {
	if len(Departments) != 107 {
		t.Errorf("len(Departments) = %d, want 107 (96 metropolitan, 5 overseas, 6 collectivities)", len(Departments))
	}
	seenCode, seenName := map[string]bool{}, map[string]bool{}
	perRegion := map[string]int{}
	for _, d := range Departments {
		if seenCode[d.Code] {
			t.Errorf("code %s listed twice", d.Code)
		}
		if seenName[d.Name] {
			t.Errorf("name %s listed twice", d.Name)
		}
		seenCode[d.Code], seenName[d.Name] = true, true
		if RegionName(d.Region) == "" {
			t.Errorf("%s %s: unknown region %q", d.Code, d.Name, d.Region)
		}
		perRegion[d.Region]++
		got, ok := DepartmentByCode(d.Code)
		if !ok || got != d {
			t.Errorf("DepartmentByCode(%q) = %v, %v, want %v", d.Code, got, ok, d)
		}
	}
	for i := 1; i <= 95; i++ {
		code := fmt.Sprintf("%02d", i)
		if i == 20 {
			if seenCode[code] {
				t.Errorf("20 must be split into 2A and 2B")
			}
			continue
		}
		if !seenCode[code] {
			t.Errorf("département %s missing", code)
		}
	}
	// Number of départements per region, as of the 2016 regions.
	want := map[string]int{"ARA": 12, "BFC": 8, "BRE": 4, "CVL": 6, "COR": 2, "GES": 10, "HDF": 5, "IDF": 8,
		"NOR": 5, "NAQ": 12, "OCC": 13, "PDL": 5, "PAC": 6, "GUA": 1, "MTQ": 1, "GUY": 1, "REU": 1, "MAY": 1, "COM": 6}
	if diff := cmp.Diff(want, perRegion); diff != "" {
		t.Errorf("départements per region (-want +got):\n%s", diff)
	}
	for _, r := range Regions {
		if perRegion[r.Code] == 0 {
			t.Errorf("region %s has no département", r.Code)
		}
	}
}

func TestDepartmentByCode(t *testing.T) {
	tests := []struct {
		code string
		want string // name, "" when not found
	}{
		{"69", "Rhône"}, {"6", "Alpes-Maritimes"}, {"06", "Alpes-Maritimes"}, {"2a", "Corse-du-Sud"},
		{" 2B ", "Haute-Corse"}, {"974", "La Réunion"}, {"20", ""}, {"00", ""}, {"96", ""}, {"979", ""}, {"", ""},
	}
	for _, tt := range tests {
		d, ok := DepartmentByCode(tt.code)
		if ok != (tt.want != "") || d.Name != tt.want {
			t.Errorf("DepartmentByCode(%q) = %q, %v, want %q", tt.code, d.Name, ok, tt.want)
		}
	}
}

// samplePostalCode is a valid postal code of each département of the table.
func samplePostalCode(code string) string {
	switch code {
	case "2A":
		return "20000"
	case "2B":
		return "20200"
	case "977":
		return "97133"
	case "978":
		return "97150"
	}
	if len(code) == 3 {
		return code + "00"
	}
	return code + "000"
}

func TestParsePlaceEveryDepartment(t *testing.T) {
	for _, d := range Departments {
		codes := []string{samplePostalCode(d.Code)}
		if len(d.Code) == 2 && d.Code[0] != '2' || d.Code[0] == '2' && d.Code[1] != 'A' && d.Code[1] != 'B' {
			codes = append(codes, d.Code+"999") // the whole range belongs to the département
		}
		for _, pc := range codes {
			t.Run(pc, func(t *testing.T) {
				got, ok := ParsePlace(pc)
				want := Place{PostalCode: pc, Department: d.Code, DepartmentName: d.Name, Region: d.Region}
				if !ok {
					t.Fatalf("ParsePlace(%q) found nothing, want %v", pc, want)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("ParsePlace(%q) (-want +got):\n%s", pc, diff)
				}
			})
		}
	}
}

func TestParsePlacePostalCodes(t *testing.T) {
	tests := []struct {
		text, postal, dept, region string
	}{
		{"69003", "69003", "69", "ARA"},
		{"mon code postal est 13 001", "13001", "13", "PAC"},
		{"75 011", "75011", "75", "IDF"},
		{"cp 06000", "06000", "06", "PAC"},
		{"CP:06000", "06000", "06", "PAC"},
		{"cp69003", "69003", "69", "ARA"},
		{"97400", "97400", "974", "REU"},
		{"Je suis boulangère au 12 rue Victor Hugo, 44000 Nantes.", "44000", "44", "PDL"},
		{"69003 Lyon", "69003", "69", "ARA"},
		{"je viens de 69003", "69003", "69", "ARA"},
		{"(33000)", "33000", "33", "NAQ"},
		{"mon restaurant à Saint-Denis (93200) m'aider à mettre le menu", "93200", "93", "IDF"}, // "m'" is not metres
		{"code postal : 59 000", "59000", "59", "HDF"},
		// Corsica.
		{"20000", "20000", "2A", "COR"},
		{"20090 Ajaccio", "20090", "2A", "COR"},
		{"20199", "20199", "2A", "COR"},
		{"20200 Bastia", "20200", "2B", "COR"},
		{"20600", "20600", "2B", "COR"},
		{"20999", "20999", "2B", "COR"},
		// Overseas.
		{"97100", "97100", "971", "GUA"},
		{"97110", "97110", "971", "GUA"},
		{"97200 Fort-de-France", "97200", "972", "MTQ"},
		{"97300", "97300", "973", "GUY"},
		{"97490", "97490", "974", "REU"},
		{"97500", "97500", "975", "COM"},
		{"97600", "97600", "976", "MAY"},
		{"97133", "97133", "977", "COM"},
		{"97150", "97150", "978", "COM"},
		{"98600", "98600", "986", "COM"},
		{"98714 Papeete", "98714", "987", "COM"},
		{"98800 Nouméa", "98800", "988", "COM"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, ok := ParsePlace(tt.text)
			if !ok {
				t.Fatalf("ParsePlace(%q) found nothing", tt.text)
			}
			if got.PostalCode != tt.postal || got.Department != tt.dept || got.Region != tt.region {
				t.Errorf("ParsePlace(%q) = %+v, want postal %s, département %s, region %s", tt.text, got, tt.postal, tt.dept, tt.region)
			}
		})
	}
}

func TestPostalDepartmentInvalid(t *testing.T) {
	for _, code := range []string{"00000", "00100", "96000", "96100", "99000", "99999", "98000", "98400", "98900", "97000",
		"97700x", "979000", "6900", "690031", "", "ABCDE", "2A000"} {
		if dept, ok := PostalDepartment(code); ok {
			t.Errorf("PostalDepartment(%q) = %q, want invalid", code, dept)
		}
		if p, ok := ParsePlace(code); ok {
			t.Errorf("ParsePlace(%q) = %+v, want nothing", code, p)
		}
	}
}

func TestParsePlaceDepartmentNumbers(t *testing.T) {
	tests := []struct {
		text, dept, region string
	}{
		{"département 69", "69", "ARA"},
		{"Département n° 33", "33", "NAQ"},
		{"le 13", "13", "PAC"},
		{"dept 2A", "2A", "COR"},
		{"dpt 2b", "2B", "COR"},
		{"2A", "2A", "COR"},
		{"69", "69", "ARA"},
		{"6", "06", "PAC"},
		{"974", "974", "REU"},
		{"je suis dans le 93", "93", "IDF"},
		{"j'habite dans le 93 depuis dix ans", "93", "IDF"},
		{"je viens du 59.", "59", "HDF"},
		{"département du 31", "31", "OCC"},
		{"département 20", "", "COR"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, ok := ParsePlace(tt.text)
			if !ok {
				t.Fatalf("ParsePlace(%q) found nothing", tt.text)
			}
			if got.Department != tt.dept || got.Region != tt.region || got.PostalCode != "" {
				t.Errorf("ParsePlace(%q) = %+v, want département %q, region %s", tt.text, got, tt.dept, tt.region)
			}
		})
	}
}

func TestParsePlaceNames(t *testing.T) {
	tests := []struct {
		text, dept, region string
	}{
		{"IDF", "", "IDF"},
		{"idf", "", "IDF"},
		{"île de france", "", "IDF"},
		{"ile-de-france", "", "IDF"},
		{"ÎLE-DE-FRANCE", "", "IDF"},
		{"en région parisienne", "", "IDF"},
		{"PACA", "", "PAC"},
		{"Provence", "", "PAC"},
		{"région Sud", "", "PAC"},
		{"Rhône-Alpes", "", "ARA"},
		{"rhone alpes", "", "ARA"},
		{"Auvergne-Rhône-Alpes", "", "ARA"},
		{"Nord", "59", "HDF"},
		{"je suis dans le Nord", "59", "HDF"},
		{"je suis dans le nord", "59", "HDF"},
		{"Nord-Pas-de-Calais", "", "HDF"},
		{"Pas-de-Calais", "62", "HDF"},
		{"Bretagne", "", "BRE"},
		{"en bretagne", "", "BRE"},
		{"Paris", "75", "IDF"},
		{"Lyon", "69", "ARA"},
		{"Marseille", "13", "PAC"},
		{"Lille", "59", "HDF"},
		{"Nice", "06", "PAC"},
		{"Bordeaux", "33", "NAQ"},
		{"Toulouse", "31", "OCC"},
		{"Nantes", "44", "PDL"},
		{"Strasbourg", "67", "GES"},
		{"Montpellier", "34", "OCC"},
		{"Rennes", "35", "BRE"},
		{"RENNES", "35", "BRE"},
		{"j'ai une boutique à Bordeaux", "33", "NAQ"},
		{"fleuriste à Aix-en-Provence", "13", "PAC"},
		{"Seine-Saint-Denis", "93", "IDF"},
		{"seine st denis", "93", "IDF"},
		{"Seine-et-Marne", "77", "IDF"},
		{"Haute-Garonne", "31", "OCC"},
		{"haute garonne", "31", "OCC"},
		{"Corse-du-Sud", "2A", "COR"},
		{"Haute Corse", "2B", "COR"},
		{"en Corse", "", "COR"},
		{"Côte d'Or", "21", "BFC"},
		{"cote-d’or", "21", "BFC"},
		{"Val d'Oise", "95", "IDF"},
		{"Loire-Atlantique", "44", "PDL"},
		{"Loir-et-Cher", "41", "CVL"},
		{"département du Cher", "18", "CVL"},
		{"dans le Cher", "18", "CVL"},
		{"dans la Somme", "80", "HDF"},
		{"J'habite en Creuse", "23", "NAQ"},
		{"la Réunion", "974", "REU"},
		{"île de la Réunion", "974", "REU"},
		{"Tahiti", "987", "COM"},
		{"St Barth", "977", "COM"},
		{"Saint-Pierre-et-Miquelon", "975", "COM"},
		{"Guadeloupe", "971", "GUA"},
		{"Mayotte", "976", "MAY"},
		{"Ajaccio", "2A", "COR"},
		{"Alsace", "", "GES"},
		{"Normandie", "", "NOR"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, ok := ParsePlace(tt.text)
			if !ok {
				t.Fatalf("ParsePlace(%q) found nothing", tt.text)
			}
			if got.Department != tt.dept || got.Region != tt.region || got.PostalCode != "" {
				t.Errorf("ParsePlace(%q) = %+v, want département %q, region %s", tt.text, got, tt.dept, tt.region)
			}
			if tt.dept != "" {
				d, _ := DepartmentByCode(tt.dept)
				if got.DepartmentName != d.Name {
					t.Errorf("ParsePlace(%q).DepartmentName = %q, want %q", tt.text, got.DepartmentName, d.Name)
				}
			}
		})
	}
}

// Every name of the tables, written as such, is found.
func TestParsePlaceTableNames(t *testing.T) {
	for _, d := range Departments {
		for _, text := range []string{d.Name, strings.ToLower(d.Name), "département : " + d.Name} {
			got, ok := ParsePlace(text)
			if !ok || got.Department != d.Code || got.Region != d.Region {
				t.Errorf("ParsePlace(%q) = %+v, %v, want département %s", text, got, ok, d.Code)
			}
		}
	}
	for _, r := range Regions {
		if r.Code == "COM" {
			continue
		}
		for _, text := range []string{r.Name, strings.ToUpper(r.Name), "Région " + r.Name} {
			got, ok := ParsePlace(text)
			if !ok || got.Region != r.Code {
				t.Errorf("ParsePlace(%q) = %+v, %v, want region %s", text, got, ok, r.Code)
			}
		}
	}
}

func TestParsePlaceFalsePositives(t *testing.T) {
	for _, text := range []string{
		"",
		"bonjour",
		"2026",
		"en 2026 je veux un site",
		"06 12 34 56 78",
		"0612345678",
		"+33 6 12 34 56 78",
		"rappelez-moi au 06.12.34.56.78",
		"15000 €",
		"15000€",
		"12 000 €",
		"15 000 euros",
		"€ 13000",
		"un budget de 15000",
		"mon chiffre d'affaires est de 75000 euros",
		"un chiffre d'affaires de 75000",
		"plus de 13000",
		"j'ai 15000 abonnés",
		"environ 30000 visiteurs par mois",
		"15000,50",
		"13.000",
		"12 000 000",
		"SIRET 123 456 789 00012",
		"commande n°69003",
		"69003e",
		"réf A69003",
		"le 13 décembre",
		"le 13 à 14h",
		"le 13/12",
		"rendez-vous le 13",
		"j'ai 13 ans",
		"il faut 3 heures",
		"à 14h30",
		"13 %",
		"c'est trop cher",
		"un lot de 10 produits",
		"en somme, je veux un site",
		"la manche de mon pull",
		"un café corsé",
		"une réunion demain",
		"il faut que je vienne",
		"Marne-la-Vallée",
		"Villeneuve-sur-Lot",
		"Saint-Martin-d'Hères",
		"au nord-est",
		"98000 Monaco",
	} {
		if got, ok := ParsePlace(text); ok {
			t.Errorf("ParsePlace(%q) = %+v, want nothing", text, got)
		}
	}
}

func TestParsePlacePrefersExplicit(t *testing.T) {
	tests := []struct{ text, postal, dept string }{
		{"je suis à Lyon, code postal 13001", "13001", "13"},
		{"dans le Nord, 59000", "59000", "59"},
		{"13000 ou 69003 ? mon code postal est 69003", "69003", "69"},
		{"j'ai 15000 abonnés et mon cp est 33000", "33000", "33"},
		{"tél 06 12 34 56 78, 44000 Nantes", "44000", "44"},
		{"Paris, département 69", "", "69"},
		{"Bretagne, Rennes", "", "35"},
	}
	for _, tt := range tests {
		got, ok := ParsePlace(tt.text)
		if !ok || got.PostalCode != tt.postal || got.Department != tt.dept {
			t.Errorf("ParsePlace(%q) = %+v, %v, want postal %q, département %s", tt.text, got, ok, tt.postal, tt.dept)
		}
	}
}

// Whatever an owner types, ParsePlace answers without panicking, and a place it finds is
// consistent with the tables.
func FuzzParsePlace(f *testing.F) {
	for _, s := range []string{"69003", "mon code postal est 13 001", "dept 2A", "le 13", "Île-de-France", "06 12 34 56 78",
		"2b", "cp", "Saint-Martin-d'Hères", "n°", "le 13 décembre"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		p, ok := ParsePlace(text)
		if !ok {
			if p != (Place{}) {
				t.Fatalf("%q: not found but %+v", text, p)
			}
			return
		}
		if RegionName(p.Region) == "" {
			t.Fatalf("%q: unknown region in %+v", text, p)
		}
		if p.Department != "" {
			d, ok := DepartmentByCode(p.Department)
			if !ok || d.Region != p.Region || d.Name != p.DepartmentName {
				t.Fatalf("%q: inconsistent %+v", text, p)
			}
		}
		if p.PostalCode != "" {
			if dept, ok := PostalDepartment(p.PostalCode); !ok || dept != p.Department {
				t.Fatalf("%q: postal code %s does not give %s", text, p.PostalCode, p.Department)
			}
		}
	})
}

func TestPlaceInTownsOwnersName(t *testing.T) {
	for text, dept := range map[string]string{
		"je suis maraîcher bio près d'Arras": "62",
		"boulangerie à Gap":                  "05",
		"je suis à Bourgoin-Jallieu":         "38",
	} {
		if p, ok := PlaceIn(text); !ok || p.Department != dept {
			t.Errorf("PlaceIn(%q) = %+v, %v, want département %s", text, p, ok, dept)
		}
	}
	for _, text := range []string{"je suis maçon", "on brasse des ales", "la vitre est cassée", "Orange a coupé ma ligne"} {
		if p, ok := PlaceIn(text); ok {
			t.Errorf("PlaceIn(%q) = %+v, want no place", text, p)
		}
	}
}
