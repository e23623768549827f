#!/usr/bin/env bash
# gen-frwords.sh — regenerate knowledge/frwords.txt.gz, the French words that typo correction
# leaves alone ("savonnière" is not a misspelt "saisonnier", "Toulon" not a misspelt "Toubon").
#
# Source: the base forms of Debian's hunspell-fr-comprehensive dictionary (Grammalecte's
# French dictionary, MPL 2.0), installed here if missing. Only words of six letters or more
# are kept (typo correction leaves shorter words alone), folded (lowercase, no accents).
# The output is committed: building and testing coachbot does not need the dictionary.
set -euo pipefail
cd "$(dirname "$0")/.."
dic=/usr/share/hunspell/fr.dic
if [ ! -f "$dic" ]; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q hunspell-fr-comprehensive >/dev/null
fi
tail -n +2 "$dic" | cut -d/ -f1 | cut -d' ' -f1 | cut -d$'\t' -f1 |
	iconv -f utf-8 -t ascii//TRANSLIT |
	tr '[:upper:]' '[:lower:]' |
	grep -E '^[a-z]{6,}$' | LC_ALL=C sort -u | gzip -9n > knowledge/frwords.txt.gz
echo "knowledge/frwords.txt.gz: $(zcat knowledge/frwords.txt.gz | wc -l) words"
