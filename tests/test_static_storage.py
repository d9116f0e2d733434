"""collectstatic in production: hashed names, and vendor files naming a source map they do not ship."""

from django.core.files.storage import FileSystemStorage

from ops.storage import ProductionStaticFilesStorage


def test_it_collects_a_bundle_whose_source_map_is_missing(tmp_path):
    source = tmp_path / "static"
    source.mkdir()
    (source / "bundle.min.js").write_text("var x=1;\n//# sourceMappingURL=bundle.min.js.map\n")
    (source / "site.css").write_text("body{background:url(img.png)}\n/*# sourceMappingURL=site.css.map */\n")
    (source / "img.png").write_bytes(b"\x89PNG\r\n")
    storage = ProductionStaticFilesStorage(location=tmp_path / "collected", base_url="/static/")
    finder_storage = FileSystemStorage(location=source)
    paths = {}
    for name in ("bundle.min.js", "site.css", "img.png"):
        storage.save(name, finder_storage.open(name))
        paths[name] = (finder_storage, name)

    results = list(storage.post_process(paths))

    errors = [processed for _, _, processed in results if isinstance(processed, Exception)]
    assert errors == []
    css = storage.open(storage.stored_name("site.css")).read().decode()
    assert "img." in css
    assert "url(img.png)" not in css  # references still get hashed names
    assert storage.stored_name("bundle.min.js") != "bundle.min.js"
