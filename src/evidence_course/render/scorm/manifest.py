"""``imsmanifest.xml`` of the SCORM package: one organization, one item, one SCO listing every file.

SCORM 1.2 (ADL CAM 1.2, IMS Content Packaging 1.1.2) and SCORM 2004 4th edition. What a platform reads
decides the shape: Moodle's parser (``mod/scorm/datamodels/scormlib.php``) matches the literal prefixed
names ``adlcp:scormtype`` and ``adlcp:masteryscore`` and picks the SCORM version from
``<schemaversion>``, so the prefixes are fixed here. The package ships no XSD files, so no
``xsi:schemaLocation`` points at any.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import quote

IMSCP_12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP_12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD_12 = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
IMSCP_2004 = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP_2004 = "http://www.adlnet.org/xsd/adlcp_v1p3"
IMSSS_2004 = "http://www.imsglobal.org/xsd/imsss"
LOM_2004 = "http://ltsc.ieee.org/xsd/LOM"
XML_NS = "http://www.w3.org/XML/1998/namespace"
MANIFEST = "imsmanifest.xml"


@dataclass(frozen=True)
class PackageInfo:
    """What the manifest says about the package."""

    identifier: str  # an NCName, e.g. "sex-work-prison-and-probation"
    title: str
    description: str
    version: str
    language: str
    #: percent (0–100) to pass, or None
    mastery_score: float | None
    launch: str  # the SCO's launch page, relative to the package
    files: tuple[str, ...]  # every file of the package but the manifest, relative, "/"-separated


def _number(value: float) -> str:
    return f"{value:g}"


def _ids(info: PackageInfo) -> dict[str, str]:
    base = info.identifier
    return {"manifest": base, "organization": f"{base}-org", "item": f"{base}-item",
            "resource": f"{base}-sco"}


def _lang_string(parent: ET.Element, tag: str, text: str, lang: str) -> None:
    element = ET.SubElement(parent, tag)
    ET.SubElement(element, f"{{{IMSMD_12}}}langstring", {f"{{{XML_NS}}}lang": lang}).text = text


def _manifest(cp: str, info: PackageInfo, schemaversion: str) -> tuple[ET.Element, ET.Element]:
    """The ``<manifest>`` element and its ``<metadata>``, which names the SCORM version."""
    root = ET.Element(f"{{{cp}}}manifest", identifier=_ids(info)["manifest"], version=info.version)
    metadata = ET.SubElement(root, f"{{{cp}}}metadata")
    ET.SubElement(metadata, f"{{{cp}}}schema").text = "ADL SCORM"
    ET.SubElement(metadata, f"{{{cp}}}schemaversion").text = schemaversion
    return root, metadata


def _item(root: ET.Element, cp: str, info: PackageInfo) -> ET.Element:
    """The one organization and its one item (the SCO), both titled as the course; returns the item."""
    ids = _ids(info)
    organizations = ET.SubElement(root, f"{{{cp}}}organizations", default=ids["organization"])
    organization = ET.SubElement(organizations, f"{{{cp}}}organization", identifier=ids["organization"])
    ET.SubElement(organization, f"{{{cp}}}title").text = info.title
    item = ET.SubElement(organization, f"{{{cp}}}item", identifier=ids["item"], identifierref=ids["resource"],
                         isvisible="true")
    ET.SubElement(item, f"{{{cp}}}title").text = info.title
    return item


def _resources(root: ET.Element, cp: str, scorm_type: str, info: PackageInfo) -> None:
    """``<resources>``: the SCO (``scorm_type`` is the version's attribute name) with every file."""
    resources = ET.SubElement(root, f"{{{cp}}}resources")
    resource = ET.SubElement(resources, f"{{{cp}}}resource", {
        "identifier": _ids(info)["resource"], "type": "webcontent", scorm_type: "sco",
        "href": quote(info.launch)})
    for path in info.files:
        ET.SubElement(resource, f"{{{cp}}}file", href=quote(path))


def manifest_12(info: PackageInfo) -> str:
    """The SCORM 1.2 manifest (``adlcp:masteryscore`` from the pass mark, LOM metadata inline)."""
    cp, ad, md = IMSCP_12, ADLCP_12, IMSMD_12
    root, metadata = _manifest(cp, info, "1.2")
    lom = ET.SubElement(metadata, f"{{{md}}}lom")
    general = ET.SubElement(lom, f"{{{md}}}general")
    _lang_string(general, f"{{{md}}}title", info.title, info.language)
    ET.SubElement(general, f"{{{md}}}language").text = info.language
    if info.description:
        _lang_string(general, f"{{{md}}}description", info.description, info.language)
    lifecycle = ET.SubElement(lom, f"{{{md}}}lifecycle")
    _lang_string(lifecycle, f"{{{md}}}version", info.version, info.language)
    item = _item(root, cp, info)
    if info.mastery_score is not None:
        ET.SubElement(item, f"{{{ad}}}masteryscore").text = _number(info.mastery_score)
    _resources(root, cp, f"{{{ad}}}scormtype", info)
    return _serialise(root, cp, {"adlcp": ad, "imsmd": md})


def manifest_2004(info: PackageInfo) -> str:
    """The SCORM 2004 4th edition manifest (the pass mark as the primary objective's
    ``minNormalizedMeasure``, which platforms give the SCO as ``cmi.scaled_passing_score``)."""
    cp, ad, ss, lom_ns = IMSCP_2004, ADLCP_2004, IMSSS_2004, LOM_2004
    root, metadata = _manifest(cp, info, "2004 4th Edition")
    lom = ET.SubElement(metadata, f"{{{lom_ns}}}lom")
    general = ET.SubElement(lom, f"{{{lom_ns}}}general")

    def lom_string(parent: ET.Element, tag: str, text: str) -> None:
        element = ET.SubElement(parent, f"{{{lom_ns}}}{tag}")
        ET.SubElement(element, f"{{{lom_ns}}}string", language=info.language).text = text

    lom_string(general, "title", info.title)
    ET.SubElement(general, f"{{{lom_ns}}}language").text = info.language
    if info.description:
        lom_string(general, "description", info.description)
    lom_string(ET.SubElement(lom, f"{{{lom_ns}}}lifeCycle"), "version", info.version)
    item = _item(root, cp, info)
    if info.mastery_score is not None:
        sequencing = ET.SubElement(item, f"{{{ss}}}sequencing")
        objectives = ET.SubElement(sequencing, f"{{{ss}}}objectives")
        primary = ET.SubElement(objectives, f"{{{ss}}}primaryObjective",
                                objectiveID=f"{_ids(info)['item']}-passed", satisfiedByMeasure="true")
        ET.SubElement(primary, f"{{{ss}}}minNormalizedMeasure").text = _number(info.mastery_score / 100)
    # the SCO itself reports completion and passed/failed (the platform must not assume them)
    delivery = ET.SubElement(item, f"{{{ss}}}sequencing") if info.mastery_score is None else sequencing
    ET.SubElement(delivery, f"{{{ss}}}deliveryControls", completionSetByContent="true",
                  objectiveSetByContent="true")
    _resources(root, cp, f"{{{ad}}}scormType", info)
    return _serialise(root, cp, {"adlcp": ad, "imsss": ss, "lom": lom_ns})


def _serialise(root: ET.Element, default: str, prefixes: dict[str, str]) -> str:
    """XML text with ``default`` as the default namespace and the given prefixes (ElementTree would
    otherwise write ns0, ns1...; platforms match the prefixes literally)."""
    for prefix, uri in {"": default, **prefixes}.items():
        ET.register_namespace(prefix, uri)
    ET.indent(root)
    text = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n"
