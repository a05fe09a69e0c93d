package audit

import "testing"

// prevKindsRef is the set prevKindsOf works out, as newAntecedents
// worked it out kind by kind with a branch on each test.
func prevKindsRef(m *mention) uint {
	var set uint
	role := m.kind == mentionPerson || m.kind == mentionOrg && m.person
	singular := m.singular()
	for g := range genders {
		if !m.compatible(g) {
			continue
		}
		if singular {
			set |= 1 << (prevPerson + g)
		}
		if role {
			set |= 1 << (prevRole + g)
		}
	}
	if m.kind == mentionWeak {
		set |= 1 << prevWeak
	}
	if m.kind == mentionOrg || m.kind == mentionBackRef {
		set |= 1 << prevOrg
	}
	if m.kind == mentionOrg && !m.person || m.kind == mentionBackRef {
		set |= 1 << prevParty
	}
	return set
}

// TestPrevKindsOf holds prevKindsOf to prevKindsRef for every kind of
// mention, gender and person flag, and unnamed mentions of person types
// and others, singular and plural.
func TestPrevKindsOf(t *testing.T) {
	refs := []SourceRef{{}, {Type: "official", ID: "unnamed:official-spokesman"}, {Type: "official", ID: "unnamed:officials"},
		{Type: "expert", ID: "unnamed:expert-witness"}, {Type: "organisation", ID: "unnamed:agency"}}
	n := 0
	for kind := mentionKind(0); kind <= mentionDefinite; kind++ {
		for _, gender := range []string{"", "m", "f", "x"} {
			for _, person := range []bool{false, true} {
				for _, ref := range refs {
					m := mention{kind: kind, gender: gender, person: person, ref: ref}
					if got, want := prevKindsOf(&m), prevKindsRef(&m); got != want {
						t.Errorf("prevKindsOf(%+v) = %09b, want %09b", m, got, want)
					}
					n++
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no mentions")
	}
}
