import { trainPersonalisationModel } from "@/lib/models/training/train-personalisation-model";
import { defineProcessor } from "../define-processor";

export default defineProcessor("trainPersonalisation", (payload) => trainPersonalisationModel(payload));
