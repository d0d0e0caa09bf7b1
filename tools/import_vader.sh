#!/usr/bin/env bash
# Regenerates lexicon/vader.en.tsv from the vaderSentiment package on PyPI (MIT).
# Run by hand when updating; the build only reads the committed file.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
pip download --no-deps -d "$tmp" vaderSentiment==3.3.2 -q
(cd "$tmp" && python3 -m zipfile -e vaderSentiment-3.3.2-py2.py3-none-any.whl x)
{
  echo "# English valence lexicon from VADER 3.3.2 (C.J. Hutto), MIT License, Copyright (c) 2016 C.J. Hutto."
  echo "# Source: PyPI package vaderSentiment==3.3.2, file vaderSentiment/vader_lexicon.txt (first two columns: token, mean valence -4..+4)."
  echo "# Regenerate: tools/import_vader.sh"
  cut -f1,2 "$tmp/x/vaderSentiment/vader_lexicon.txt"
} > lexicon/vader.en.tsv
rm -rf "$tmp"
