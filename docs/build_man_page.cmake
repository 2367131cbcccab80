# Builds one man page from its scdoc source: cmake -DSCDOC=... -DSOURCE=x.1.scd -DOUTPUT=x.1 -P
# build_man_page.cmake. scdoc turns hyphenation off before .TH, which turns it back on, so man
# broke "owner:alice" and "tpmsearch(1)" across lines with a hyphen a reader would copy; .nh
# after .TH keeps every word whole.
execute_process(COMMAND ${SCDOC} INPUT_FILE ${SOURCE} OUTPUT_VARIABLE roff
                RESULT_VARIABLE status ERROR_VARIABLE errors)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "scdoc failed on ${SOURCE}: ${errors}")
endif()
string(REGEX REPLACE "(\n\\.TH [^\n]*\n)" "\\1.nh\n" roff "${roff}")
file(WRITE ${OUTPUT} "${roff}")
