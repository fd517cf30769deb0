from django.contrib import admin

from .models import AgendaItem, Attachment, Attendance, ItemAttendance, Meeting, Section


class AttendanceInline(admin.TabularInline[Attendance, Meeting]):
    model = Attendance
    extra = 0
    raw_id_fields = ["person"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin[Meeting]):
    list_display = ["committee", "meeting_date", "start_time", "status", "source_name"]
    list_filter = ["status", "committee__municipality", "committee"]
    date_hierarchy = "meeting_date"
    raw_id_fields = ["minute_taker"]
    inlines = [AttendanceInline]


class SectionInline(admin.StackedInline[Section, AgendaItem]):
    model = Section
    extra = 0


class AttachmentInline(admin.TabularInline[Attachment, AgendaItem]):
    model = Attachment
    extra = 0


class ItemAttendanceInline(admin.TabularInline[ItemAttendance, AgendaItem]):
    model = ItemAttendance
    extra = 0
    raw_id_fields = ["person"]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin[AgendaItem]):
    list_display = ["number", "title", "meeting", "closed"]
    list_filter = ["closed", "meeting__committee"]
    search_fields = ["title", "case_number"]
    raw_id_fields = ["meeting"]
    inlines = [SectionInline, AttachmentInline, ItemAttendanceInline]
