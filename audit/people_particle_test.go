package audit

import "testing"

// TestParticleHyphen holds appendNameTokens, which asks a lower-case
// word nameToken only when it has a hyphen at the length of a particle
// starting with its first byte (mayParticleName), to refNameToken:
// hyphens at, before and past every particle length, at the last byte,
// and words that are not ASCII.
func TestParticleHyphen(t *testing.T) {
	l := &DefaultLexicon().People
	for _, text := range []string{
		"y-Ramos y-ramos st-Pierre abdul-Aziz abdel-Aziz abdelx-Aziz bint-Ali ould-Abdallah",
		"anti-War well-Known de-Gaulle d-Gaulle da-Silva dos-Santos umm-Kulthum abou-Ali",
		"al-Ümit el-Émir ál-Assad al-\u0130 al--Assad al-'Assad -al-Assad",
		"al- al-A abu-Ali um-Ali umm-Ali ibn-Saud ben-Ali mac-Donald van-Gogh von-Trapp le-Pen la-Salle",
		"ould-A oul-Ali ab-Ali abdu-Ali a-Assad alx-Assad del-Toro della-Rovere dellax-Rovere der-Spiegel",
	} {
		checkNameTokens(t, l, text)
	}
}
