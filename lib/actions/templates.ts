"use server";

import { serverAction } from "@/lib/actions/server-action";
import { deleteTemplateSpec, saveTemplateSpec } from "@/lib/templates/specs";

export const saveTemplate = serverAction(saveTemplateSpec);
export const deleteTemplate = serverAction(deleteTemplateSpec);
