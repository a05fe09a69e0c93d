package audit

import "testing"

func TestEyewitnessLocationCheck(t *testing.T) {
	runRuleCases(t, "eyewitness-without-location", []ruleCase{
		{"named witness with a role and no place",
			"\u201cWe heard the planes all night,\u201d said Sarmad Haddad, a shopkeeper.",
			[]string{"Sarmad Haddad"}},
		{"unnamed resident with no place",
			"\u201cThere is no bread left,\u201d a resident told AFP.",
			[]string{"a resident"}},
		{"the message names the witness as the article does",
			"\u201cThere is no bread left,\u201d one resident told AFP.",
			[]string{"one resident"}},
		{"a place inside the witness's own words does not count",
			"\u201cWe fled Aleppo last night,\u201d a resident told AFP.",
			[]string{"a resident"}},
		{"place in the descriptor",
			"\u201cWe heard the planes all night,\u201d said Sarmad Haddad, a shopkeeper in eastern Aleppo.", nil},
		{"place in the speech tag",
			"\u201cThere is no bread left,\u201d a resident told AFP by telephone from Idlib.", nil},
		{"resident of a place",
			"\u201cThere is no bread left,\u201d said a resident of the besieged town.", nil},
		{"place before the role",
			"\u201cI heard the first explosion from a few miles away,\u201d Qamishli resident Suleiman Youssef told The Associated Press.", nil},
		{"place noun after a determiner",
			"\u201cThe tents are flooded,\u201d a displaced man told AFP in a camp near the Turkish border.", nil},
		{"place in another sentence naming the witness",
			"Sarmad Haddad, a shopkeeper, stayed in Aleppo when the rebels came. \u201cWe heard the planes all night,\u201d Haddad said.", nil},
		{"not a witness: an official",
			"\u201cWe will restore order,\u201d a spokesman for the ministry said.", nil},
		{"not known to be a witness: a person with no role",
			"\u201cIt was incredibly frustrating,\u201d said Tim Henman.", nil},
	})
}

func TestEyewitnessLocationParamErrors(t *testing.T) {
	assertEngineError(t, "eyewitness-location", "  prepositions: [in]\n", "eyewitness-location needs roles")
	assertEngineError(t, "eyewitness-location", "  roles: [resident]\n", "eyewitness-location needs prepositions")
	assertEngineError(t, "eyewitness-location", "  roles: [resident]\n  prepositions: [in]\n  types: [bystander]\n", `r.yaml:9:11: rule "x": types: unknown source type "bystander"`)
}
