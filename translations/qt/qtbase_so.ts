<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Somali texts for Qt's own widgets (Qt ships no qtbase_so). Source texts and
     contexts are Qt's; compiled to qtbase_so.qm by `make compile-catalogs`. -->
<TS version="2.1" language="so_SO">
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>Haye</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Kaydi</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Kaydi dhammaan</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Fur</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Haa</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>Haa &amp;dhammaan</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Maya</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>Maya dh&amp;ammaan</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Joji</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Isku day mar kale</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Iska dhaaf</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Xir</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Jooji</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Iska tuur</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Caawimo</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Dabaq</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Dib u deji</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Soo celi kuwii hore</translation>
    </message>
</context>
<context>
    <name>QGnomeTheme</name>
    <message>
        <source>&amp;OK</source>
        <translation>&amp;Haye</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Kaydi</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Jooji</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Xir</translation>
    </message>
    <message>
        <source>Close without Saving</source>
        <translation>Xir adigoon kaydin</translation>
    </message>
</context>
<context>
    <name>QDialogButtonBox</name>
    <message>
        <source>OK</source>
        <translation>Haye</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>Show Details...</source>
        <translation>Muuji faahfaahinta...</translation>
    </message>
    <message>
        <source>Hide Details...</source>
        <translation>Qari faahfaahinta...</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Ka noqo</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Soo celi</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Jar</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Koobiyee</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Dheji</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Tirtir</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Dooro dhammaan</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Ka noqo</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Soo celi</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Jar</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Koobiyee</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Dheji</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Tirtir</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Dooro dhammaan</translation>
    </message>
    <message>
        <source>Copy &amp;Link Location</source>
        <translation>Koobiyee &amp;cinwaanka xiriirka</translation>
    </message>
</context>
<context>
    <name>QAbstractSpinBox</name>
    <message>
        <source>&amp;Select All</source>
        <translation>&amp;Dooro dhammaan</translation>
    </message>
    <message>
        <source>&amp;Step up</source>
        <translation>&amp;Kor u qaad</translation>
    </message>
    <message>
        <source>Step &amp;down</source>
        <translation>Hoos u &amp;dhig</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>Open</source>
        <translation>Fur</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Fur</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Kaydi</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>U kaydi sida</translation>
    </message>
    <message>
        <source>&amp;Choose</source>
        <translation>&amp;Dooro</translation>
    </message>
    <message>
        <source>&amp;Look in:</source>
        <translation>Ka &amp;eeg:</translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation>&amp;Magaca faylka:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Nooca &amp;faylasha:</translation>
    </message>
    <message>
        <source>Directory:</source>
        <translation>Gal:</translation>
    </message>
    <message>
        <source>Directories</source>
        <translation>Galal</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Faylal</translation>
    </message>
    <message>
        <source>All Files (*)</source>
        <translation>Dhammaan faylasha (*)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Dhammaan faylasha (*)</translation>
    </message>
    <message>
        <source>New Folder</source>
        <translation>Gal cusub</translation>
    </message>
    <message>
        <source>&amp;New Folder</source>
        <translation>Gal &amp;cusub</translation>
    </message>
    <message>
        <source>Create New Folder</source>
        <translation>Samee gal cusub</translation>
    </message>
    <message>
        <source>Create a New Folder</source>
        <translation>Samee gal cusub</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>&amp;Magac beddel</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Tirtir</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Tirtir</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Ka saar</translation>
    </message>
    <message>
        <source>Show &amp;hidden files</source>
        <translation>Muuji faylasha &amp;qarsoon</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Dib</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Hore</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>Dib u noqo</translation>
    </message>
    <message>
        <source>Go forward</source>
        <translation>Hore u soco</translation>
    </message>
    <message>
        <source>Parent Directory</source>
        <translation>Galka sare</translation>
    </message>
    <message>
        <source>Go to the parent directory</source>
        <translation>U gudub galka sare</translation>
    </message>
    <message>
        <source>List View</source>
        <translation>Muuqaal liis</translation>
    </message>
    <message>
        <source>Detail View</source>
        <translation>Muuqaal faahfaahsan</translation>
    </message>
    <message>
        <source>Change to list view mode</source>
        <translation>U beddel muuqaalka liiska</translation>
    </message>
    <message>
        <source>Change to detail view mode</source>
        <translation>U beddel muuqaalka faahfaahsan</translation>
    </message>
    <message>
        <source>Recent Places</source>
        <translation>Meelihii dhowaa</translation>
    </message>
    <message>
        <source>Sidebar</source>
        <translation>Dhinac</translation>
    </message>
    <message>
        <source>Find Directory</source>
        <translation>Raadi gal</translation>
    </message>
    <message>
        <source>List of places and bookmarks</source>
        <translation>Liiska meelaha iyo calaamadaha</translation>
    </message>
    <message>
        <source>%1 already exists.
Do you want to replace it?</source>
        <translation>%1 horey ayuu u jiray.
Ma rabtaa inaad beddesho?</translation>
    </message>
    <message>
        <source>%1
File not found.
Please verify the correct file name was given.</source>
        <translation>%1
Faylka lama helin.
Fadlan hubi in magaca faylka uu sax yahay.</translation>
    </message>
    <message>
        <source>%1
Directory not found.
Please verify the correct directory name was given.</source>
        <translation>%1
Galka lama helin.
Fadlan hubi in magaca galka uu sax yahay.</translation>
    </message>
    <message>
        <source>Are you sure you want to delete '%1'?</source>
        <translation>Ma hubtaa inaad tirtirto '%1'?</translation>
    </message>
    <message>
        <source>Could not delete directory.</source>
        <translation>Galka lama tirtiri karin.</translation>
    </message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message>
        <source>Name</source>
        <translation>Magac</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Cabbir</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Nooc</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Nooc</translation>
    </message>
    <message>
        <source>Date Modified</source>
        <translation>Taariikhda wax laga beddelay</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>Kombiyuutar</translation>
    </message>
    <message>
        <source>My Computer</source>
        <translation>Kombiyuutarkayga</translation>
    </message>
</context>
<context>
    <name>QInputDialog</name>
    <message>
        <source>Enter a value:</source>
        <translation>Geli qiime:</translation>
    </message>
</context>
<context>
    <name>QErrorMessage</name>
    <message>
        <source>&amp;OK</source>
        <translation>&amp;Haye</translation>
    </message>
    <message>
        <source>&amp;Show this message again</source>
        <translation>&amp;Muuji fariintan mar kale</translation>
    </message>
    <message>
        <source>An error occurred</source>
        <translation>Khalad ayaa dhacay</translation>
    </message>
    <message>
        <source>Warning:</source>
        <translation>Digniin:</translation>
    </message>
    <message>
        <source>Information:</source>
        <translation>Macluumaad:</translation>
    </message>
    <message>
        <source>Critical Error:</source>
        <translation>Khalad halis ah:</translation>
    </message>
    <message>
        <source>Fatal Error:</source>
        <translation>Khalad culus:</translation>
    </message>
    <message>
        <source>Debug Message:</source>
        <translation>Fariin cilad-baadis:</translation>
    </message>
</context>
<context>
    <name>QWizard</name>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Xiga</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Xiga &gt;</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Dib</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Dhammee</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Jooji</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Caawimo</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Caawimo</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Waa dhammaaday</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Sii wad</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>Xaqiiji</translation>
    </message>
    <message>
        <source>Go Back</source>
        <translation>Dib u noqo</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>Gal</translation>
    </message>
    <message>
        <source>File Folder</source>
        <translation>Gal fayl</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>Darawal</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Gaab-wade</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fayl</translation>
    </message>
    <message>
        <source>%1 File</source>
        <translation>Fayl %1</translation>
    </message>
</context>
</TS>
