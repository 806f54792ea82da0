"""Reference data: 38 provinces with Kemendagri codes, regencies under them, and coverage codes checked."""

from __future__ import annotations

from conftest import REPO, make_project
from kie.model.content import load_content
from kie.model.project import load_project
from kie.model.regions import load_regions, provinces_covered


def load(root):
    project = load_project(root)
    return load_regions(project, project.codes)


def test_the_38_provinces_with_their_codes():
    regions, problems = load(REPO)
    assert problems == []
    assert len(regions.provinces) == 38
    names = {code: p.name for code, p in regions.provinces.items()}
    assert names["11"] == "Aceh" and names["53"] == "Nusa Tenggara Timur" and names["96"] == "Papua Barat Daya"
    assert [names[c] for c in ("91", "92", "93", "94", "95")] == [
        "Papua",
        "Papua Barat",
        "Papua Selatan",
        "Papua Tengah",
        "Papua Pegunungan",
    ]
    assert regions.provinces["53"].slug == "53-nusa-tenggara-timur"
    assert regions.provinces["53"].label == "Nusa Tenggara Timur (NTT)"
    assert "Kepmendagri" in regions.source
    assert regions.name("53.71") == "Kota Kupang" and regions.province_of("53.71") == "53"


def test_regency_files_are_checked(tmp_path):
    root = make_project(tmp_path)
    folder = root / "content" / "regions"
    (folder / "53.yml").write_text(
        'regencies:\n  - {code: "53.71", name: Kota Kupang}\n  - {code: "52.71", name: Kota Mataram}\n'
        '  - {code: "53.71", name: Kota Kupang lagi}\n',
        encoding="utf-8",
    )
    (folder / "99.yml").write_text('regencies:\n  - {code: "99.01", name: Tidak ada}\n', encoding="utf-8")
    (folder / "33.yml").write_text('regencies:\n  - {code: "33.7", name: Kota}\n', encoding="utf-8")
    _, problems = load(root)
    assert [str(p) for p in problems] == [
        "content/regions/33.yml:2: regencies[0].code: '33.7' has the wrong form: "
        "province code, a dot, two digits, e.g. '53.71'",
        "content/regions/53.yml:3: regencies[1].code: '52.71' is not in province 53; "
        "codes in this file start with '53.'",
        "content/regions/53.yml:4: regencies[2].code: the code '53.71' is listed twice",
        "content/regions/99.yml:1: -: '99.yml' must be named after a province code from provinces.yml, e.g. 53.yml",
    ]


def test_a_missing_province_list_is_reported(tmp_path):
    root = make_project(tmp_path)
    (root / "content" / "regions" / "provinces.yml").unlink()
    _, problems = load_content(load_project(root))
    assert "content/regions/provinces.yml:1: -: the list of provinces is missing" in str(problems[0])


def test_a_regency_added_to_its_file_becomes_a_valid_coverage_code(tmp_path):
    root = make_project(tmp_path)
    service = root / "content" / "services" / "layanan-contoh.yml"
    service.write_text(service.read_text(encoding="utf-8").replace("[national]", '["52.98"]'), encoding="utf-8")
    _, problems = load_content(load_project(root))
    assert [p.field for p in problems] == ["coverage[0]"]
    assert "unknown regency code '52.98'; add it" in problems[0].message
    (root / "content" / "regions" / "52.yml").write_text(
        'regencies:\n  - {code: "52.98", name: Kota Contoh}\n', encoding="utf-8"
    )
    _, problems = load_content(load_project(root))
    assert problems == []


def test_every_province_file_records_what_was_searched(repo_content):
    """A person opening content/regions/<code>.yml sees what was searched, when, and where a found number went."""
    content, problems = repo_content
    assert [p for p in problems if not p.warning] == []
    research = content.regions.research
    assert sorted(research) == sorted(content.regions.provinces)
    for code, records in research.items():
        assert all(r.query.strip() and r.searched_on for r in records), code
        for r in records:
            if r.result == "found":
                service = content.services[r.service]
                assert service.get("phones") or service.get("whatsapp"), r.service
                assert code in provinces_covered(service["coverage"], content.regions), (code, r.service)
    searched = [r.query for r in research["61"]]
    assert "UPTD PPA Kota Pontianak nomor hotline lapor kekerasan perempuan anak" in searched
    assert {r.result for r in research["61"]} == {"no public source found"}


def test_a_province_file_may_hold_only_research(tmp_path):
    root = make_project(tmp_path)
    (root / "content" / "regions" / "52.yml").write_text(
        'research:\n  - searched_on: "2026-11"\n    query: UPTD PPA Provinsi NTB nomor\n'
        "    result: no public source found\n    note: Only the NTB Care app.\n",
        encoding="utf-8",
    )
    regions, problems = load(root)
    assert problems == []
    [record] = regions.research["52"]
    assert (record.province, record.query, record.result, record.note, record.line) == (
        "52",
        "UPTD PPA Provinsi NTB nomor",
        "no public source found",
        "Only the NTB Care app.",
        2,
    )
    (root / "content" / "regions" / "52.yml").write_text("# nothing yet\n{}\n", encoding="utf-8")
    _, problems = load(root)
    assert [str(p) for p in problems] == ["content/regions/52.yml:2: -: is empty; fill in its fields or remove it"]
