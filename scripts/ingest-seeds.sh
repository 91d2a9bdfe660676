#!/usr/bin/env bash
# Ingests the five LongCat articles from ../shared/seeds into seeds/, with
# only the metadata their texts show (see ../shared/seeds/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
S=${1:-../shared/seeds}
B="target/debug/brief"
$B ingest "$S/000_1a8ac4302ba26ff1.txt" --id training-stack --force
$B ingest "$S/001_1786eb954a47864f.txt" --id frontier-scale-proof --force
$B ingest "$S/002_e03ef82a6cf0073a.txt" --id fifty-thousand-chips --force
$B ingest "$S/003_8f82fd6d6983ebf6.txt" --id signaldesk-briefing --outlet SignalDesk --force
$B ingest "$S/004_8c8fb6d5cf818017.txt" --id homegrown-model --force
