package audit

import "testing"

// TestParticleHyphen holds appendNameTokens, which asks a lower-case
// word nameToken only when it has a hyphen no further in than the
// longest particle (mayParticleHyphen), to refNameToken: hyphens at,
// before and past every particle length, and words that are not ASCII.
func TestParticleHyphen(t *testing.T) {
	l := &DefaultLexicon().People
	for _, text := range []string{
		"y-Ramos y-ramos st-Pierre abdul-Aziz abdel-Aziz abdelx-Aziz bint-Ali ould-Abdallah",
		"anti-War well-Known de-Gaulle d-Gaulle da-Silva dos-Santos umm-Kulthum abou-Ali",
		"al-Ümit el-Émir ál-Assad al-\u0130 al--Assad al-'Assad -al-Assad",
	} {
		checkNameTokens(t, l, text)
	}
}
