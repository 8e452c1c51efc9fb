<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Arabic texts that Qt's own qtbase_ar lacks (the file dialog showed "Look in:", "Files of
     type:" and "Folder" in English). Loaded after Qt's catalog, so these win; everything
     else still comes from Qt. Compiled to qtbase_ar.qm by `make compile-catalogs`. -->
<TS version="2.1" language="ar">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>ا&amp;بحث في:</translation>
    </message>
    <message>
        <source>Look in:</source>
        <translation>ابحث في:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>&amp;نوع الملفات:</translation>
    </message>
    <message>
        <source>Files of type:</source>
        <translation>نوع الملفات:</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>مجلد</translation>
    </message>
    <message>
        <source>File Folder</source>
        <translation>مجلد ملفات</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>محرك أقراص</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>اختصار</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ملف</translation>
    </message>
    <message>
        <source>%1 File</source>
        <translation>ملف %1</translation>
    </message>
</context>
</TS>
